import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of ARCHITECTURE.md are lint errors, not prose: these prove each one fires. */
async function lintErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('core and shared never import electron', async () => {
    expect(await lintErrors("import { app } from 'electron';\nexport const a = app;\n", 'src/main/core/x.ts')).toHaveLength(1);
    expect(await lintErrors("import { app } from 'electron';\nexport const a = app;\n", 'src/shared/x.ts')).toHaveLength(1);
  });

  it('renderer and shared never import node modules', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
    expect(await lintErrors(code, 'src/renderer/src/x.ts')).toHaveLength(1);
    expect(await lintErrors(code, 'src/shared/x.ts')).toHaveLength(1);
    expect(await lintErrors("import Database from 'better-sqlite3';\nexport const d = Database;\n", 'src/renderer/src/x.ts')).toHaveLength(1);
  });

  it('the renderer reaches the core only through the contract, never by importing main', async () => {
    expect(await lintErrors("import { dispatch } from '../../main/core/rpc';\nexport const d = dispatch;\n", 'src/renderer/src/x.ts')).toHaveLength(1);
  });

  it('the shell may import electron, and the core may import node', async () => {
    expect(await lintErrors("import { app } from 'electron';\nexport const a = app;\n", 'src/main/shell/x.ts')).toEqual([]);
    expect(await lintErrors("import { join } from 'node:path';\nexport const j = join;\n", 'src/main/core/x.ts')).toEqual([]);
  });
});
