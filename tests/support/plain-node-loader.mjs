// Module hooks that let plain Node (no Vite, no bundler) run the TypeScript sources: extensionless relative imports
// resolve to .ts files, and .ts files are transpiled by TypeScript itself. Used by tests/unit/plain-node.test.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// Transpiled files are kept by path, time and size: the fault suite starts the core many times.
const CACHE = join(tmpdir(), 'grid-appraisal-plain-node');
mkdirSync(CACHE, { recursive: true });

export async function resolve(specifier, context, next) {
  if ((specifier.startsWith('.') || specifier.startsWith('/')) && context.parentURL?.endsWith('.ts')) {
    for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
      const url = new URL(candidate, context.parentURL);
      if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  const { mtimeMs, size } = statSync(file);
  const cached = join(CACHE, `${createHash('sha1').update(`${file}|${mtimeMs}|${size}|${ts.version}`).digest('hex')}.js`);
  if (existsSync(cached)) return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  writeFileSync(cached, outputText);
  return { format: 'module', source: outputText, shortCircuit: true };
}
