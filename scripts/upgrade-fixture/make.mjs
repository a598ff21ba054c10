#!/usr/bin/env node
/**
 * Rebuilds an upgrade fixture from an old commit: `node scripts/upgrade-fixture/make.mjs <commit>`.
 * Checks the commit out in a temporary worktree (node_modules linked to this checkout's), copies writer.old.ts into
 * it as a unit test and runs it with THAT version's vitest, so the data file is written by that version's own
 * migrations and calls; tests/fixtures/upgrade/v<user_version>.db and .json receive the file and what the old version
 * read back. The worktree is removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const commit = process.argv[2];
if (!commit) {
  console.error('usage: node scripts/upgrade-fixture/make.mjs <commit>');
  process.exit(2);
}
const sha = execFileSync('git', ['rev-parse', '--verify', `${commit}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
const tree = join(process.env.TMPDIR ?? '/tmp', `grid-appraisal-old-${sha.slice(0, 7)}`);
const out = join(root, 'tests/fixtures/upgrade');

if (!existsSync(tree)) execFileSync('git', ['worktree', 'add', '--detach', tree, sha], { cwd: root, stdio: 'inherit' });
try {
  if (!existsSync(join(tree, 'node_modules'))) symlinkSync(realpathSync(join(root, 'node_modules')), join(tree, 'node_modules'));
  copyFileSync(join(here, 'writer.old.ts'), join(tree, 'tests/unit/zz-upgrade-fixture.test.ts'));
  execFileSync(process.execPath, [join(tree, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/unit/zz-upgrade-fixture.test.ts'], {
    cwd: tree,
    stdio: 'inherit',
    env: { ...process.env, UPGRADE_FIXTURE_OUT: out, UPGRADE_FIXTURE_COMMIT: sha },
  });
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'inherit' });
}
console.log(`fixture written to ${out} from ${sha}`);
