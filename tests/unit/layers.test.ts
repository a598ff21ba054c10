import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of ARCHITECTURE.md are lint errors, not prose: a probe per rule proves each one fires. */
async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const importOf = (spec: string) => `import * as m from '${spec}';\nexport const x = m;\n`;
const dynamicImportOf = (spec: string) => `export const load = () => import('${spec}');\n`;

describe('layer rules', () => {
  it.each([
    ['src/main/core/x.ts', 'electron'],
    ['src/main/core/x.ts', 'electron/main'],
    ['src/main/host/x.ts', 'electron/main'],
    ['src/shared/x.ts', 'electron'],
    ['src/shared/x.ts', 'electron/renderer'],
    ['src/renderer/src/x.ts', 'electron'],
    ['src/renderer/src/x.ts', 'electron/renderer'],
  ])('%s never imports %s', async (file, spec) => {
    expect(await layerErrors(importOf(spec), file)).toHaveLength(1);
  });

  it.each([
    ['src/renderer/src/x.ts', 'node:fs'],
    ['src/renderer/src/x.ts', 'fs/promises'],
    ['src/renderer/src/x.ts', 'better-sqlite3'],
    ['src/shared/x.ts', 'node:path'],
    ['src/shared/x.ts', 'exceljs'],
    ['src/preload/x.ts', 'node:fs'],
    ['src/preload/x.ts', 'child_process'],
  ])('%s never imports the node module %s', async (file, spec) => {
    expect(await layerErrors(importOf(spec), file)).toHaveLength(1);
  });

  it.each([
    ['src/renderer/src/x.ts', 'node:fs'],
    ['src/renderer/src/x.ts', 'node:fs/promises'],
    ['src/renderer/src/x.ts', 'child_process'],
    ['src/shared/x.ts', 'node:crypto'],
    ['src/preload/x.ts', 'node:os'],
    ['src/renderer/src/x.ts', 'electron'],
    ['src/main/core/x.ts', 'electron'],
  ])('%s never imports %s dynamically either', async (file, spec) => {
    expect(await layerErrors(dynamicImportOf(spec), file)).toHaveLength(1);
  });

  it('shared is pure TypeScript: no React', async () => {
    expect(await layerErrors(importOf('react'), 'src/shared/domain/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('react-dom/client'), 'src/shared/x.ts')).toHaveLength(1);
  });

  it('the core never reaches up into a transport or the page', async () => {
    expect(await layerErrors(importOf('../host/server'), 'src/main/core/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('../../host/data-dir'), 'src/main/core/people/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('../shell/ipc'), 'src/main/core/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('../../preload/api'), 'src/main/core/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('../../renderer/src/App'), 'src/main/core/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('../shell/ipc'), 'src/main/host/x.ts')).toHaveLength(1);
  });

  it('the renderer reaches the core only through the contract, never by importing main', async () => {
    expect(await layerErrors(importOf('../../main/core/rpc'), 'src/renderer/src/x.ts')).toHaveLength(1);
  });

  it('the preload imports neither the core nor the page', async () => {
    expect(await layerErrors(importOf('../main/core/rpc'), 'src/preload/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('../renderer/src/App'), 'src/preload/x.ts')).toHaveLength(1);
  });

  it('shared imports nothing above it', async () => {
    expect(await layerErrors(importOf('../main/core/rpc'), 'src/shared/x.ts')).toHaveLength(1);
    expect(await layerErrors(importOf('../renderer/src/App'), 'src/shared/x.ts')).toHaveLength(1);
  });

  it('what each layer may use passes', async () => {
    expect(await layerErrors(importOf('electron'), 'src/main/shell/x.ts')).toEqual([]);
    expect(await layerErrors(importOf('electron'), 'src/preload/x.ts')).toEqual([]);
    expect(await layerErrors(importOf('node:path'), 'src/main/core/x.ts')).toEqual([]);
    expect(await layerErrors(importOf('../core/call'), 'src/main/host/x.ts')).toEqual([]);
    expect(await layerErrors(importOf('../../shared/contract'), 'src/renderer/src/x.ts')).toEqual([]);
    expect(await layerErrors(importOf('react'), 'src/renderer/src/x.ts')).toEqual([]);
    expect(await layerErrors(dynamicImportOf('./features/people/PeoplePage'), 'src/renderer/src/x.ts')).toEqual([]);
    expect(await layerErrors(importOf('../shared/contract/define'), 'src/preload/x.ts')).toEqual([]);
  });
});
