import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, isBuildFresh, splitServeArgs, type BuildFs } from '../../../scripts/build-state.mjs';

/** A file system of files with modification times; folders are implied by the paths. */
function fakeFs(files: Record<string, number>): BuildFs {
  const norm = Object.fromEntries(Object.entries(files).map(([p, t]) => [join('/proj', p), t]));
  return {
    statSync: (p) => {
      if (!(p in norm)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return { mtimeMs: norm[p]! };
    },
    readdirSync: (dir) => {
      const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
      const names = new Map<string, boolean>();
      for (const p of Object.keys(norm)) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length).split(sep);
        names.set(rest[0]!, rest.length > 1);
      }
      if (names.size === 0) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return [...names].map(([name, isDir]) => ({ name, isDirectory: () => isDir }));
    },
  };
}

const outputsAt = (t: number) => Object.fromEntries(BUILD_OUTPUTS.map((o) => [o, t]));

describe('isBuildFresh', () => {
  it('is fresh when every output is newer than every source', () => {
    const fs = fakeFs({ ...outputsAt(200), 'src/main/core/rpc.ts': 100, 'src/renderer/src/App.tsx': 150, 'package.json': 50 });
    expect(isBuildFresh('/proj', fs)).toBe(true);
  });

  it('is stale when a deeply nested source changed after the build', () => {
    const fs = fakeFs({ ...outputsAt(200), 'src/main/core/people/handlers.ts': 201 });
    expect(isBuildFresh('/proj', fs)).toBe(false);
  });

  it('is stale when package.json or the vite config changed', () => {
    expect(isBuildFresh('/proj', fakeFs({ ...outputsAt(200), 'src/a.ts': 1, 'electron.vite.config.ts': 300 }))).toBe(false);
    expect(isBuildFresh('/proj', fakeFs({ ...outputsAt(200), 'src/a.ts': 1, 'package.json': 300 }))).toBe(false);
  });

  it('is stale when any output is missing or older (a build that stopped half-way)', () => {
    const { 'out/renderer/index.html': _gone, ...partial } = outputsAt(200);
    expect(isBuildFresh('/proj', fakeFs({ ...partial, 'src/a.ts': 1 }))).toBe(false);
    expect(isBuildFresh('/proj', fakeFs({ ...outputsAt(200), 'out/renderer/index.html': 5, 'src/a.ts': 10 }))).toBe(false);
  });
});

describe('splitServeArgs', () => {
  it('keeps --no-build for itself and passes the rest to the host', () => {
    expect(splitServeArgs(['--port', '5180', '--no-build', '--demo'])).toEqual({ noBuild: true, hostArgs: ['--port', '5180', '--demo'] });
    expect(splitServeArgs(['--data-dir', '/d'])).toEqual({ noBuild: false, hostArgs: ['--data-dir', '/d'] });
  });
});
