// `npm run demo -- --data-dir DIR`: fills an empty store with the demo street (about 1,000 workers) and exits.
import * as fs from 'node:fs';
import { isBuildFresh } from './build-state.mjs';
import { ROOT, runBuild, runHost } from './proc.mjs';

if (!isBuildFresh(ROOT, fs) && runBuild() !== 0) process.exit(1);
process.exit(await runHost(['--demo-only', ...process.argv.slice(2)]));
