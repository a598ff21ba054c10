/** `npm run district`: the district server under plain Node (out/main/district.js; the built renderer beside it). */
import { join } from 'node:path';
import { startDistrict } from './start';

startDistrict(process.argv.slice(2), join(__dirname, '../renderer'), (l) => console.log(l)).then(
  (d) => {
    const stop = () => void d.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
