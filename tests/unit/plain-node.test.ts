import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const ROOT = join(__dirname, '../..');

/**
 * The core is plain TypeScript on Node: it must load and answer a call with no Vite or bundler in between (the e2e
 * runner, scripts and a future district server import it so). Only TypeScript's own transpiler is hooked in.
 */
describe('the core under plain Node', () => {
  it('opens a data folder through the real migrations and answers a call through the dispatcher', () => {
    const dataDir = tempDir();
    const script = `
      import { register } from 'node:module';
      import { pathToFileURL } from 'node:url';
      register('./tests/support/plain-node-loader.mjs', pathToFileURL('./'));
      const { openCore } = await import('./src/main/core/app.ts');
      const { dispatch } = await import('./src/main/core/rpc.ts');
      const core = await openCore({ dataDir: process.argv[1], appVersion: 'plain-node' });
      const info = await dispatch(core, { name: '测试', role: 'admin' }, 'system.info', {});
      const unit = await dispatch(core, { name: '测试', role: 'admin' }, 'org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'XX' });
      core.close();
      console.log(JSON.stringify({ info, unit }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, dataDir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const { info, unit } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      info: { ok: boolean; data: { appVersion: string; schemaVersion: number } };
      unit: { ok: boolean; data: { name: string } };
    };
    expect(info).toMatchObject({ ok: true, data: { appVersion: 'plain-node' } });
    expect(info.data.schemaVersion).toBeGreaterThanOrEqual(100);
    expect(unit).toMatchObject({ ok: true, data: { name: '西乡街道' } });
  }, 60_000);
});
