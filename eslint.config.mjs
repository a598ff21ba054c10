// Layers are enforced here, not by prose: see ARCHITECTURE.md, rule 1.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'better-sqlite3', 'exceljs'];
const electronRule = { name: 'electron', message: 'core and shared never import electron (ARCHITECTURE.md rule 1)' };
const electronSubpaths = { group: ['electron/*'], message: 'core and shared never import electron (ARCHITECTURE.md rule 1)' };
const nodeRule = (name) => ({ name, message: 'renderer and shared never import node modules (ARCHITECTURE.md rule 1)' });
/** import('node:fs') in code that must not reach Node: no-restricted-imports sees only static imports. */
const nodeModuleNames = nodeModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|');
const noDynamicNodeImport = {
  selector: `ImportExpression[source.value=/^(${nodeModuleNames})(\\/.*)?$/]`,
  message: 'renderer, preload and shared never import node modules, not even dynamically (ARCHITECTURE.md rule 1)',
};
const noDynamicElectronImport = {
  selector: 'ImportExpression[source.value=/^electron(\\/.*)?$/]',
  message: 'core, shared and the renderer never import electron, not even dynamically (ARCHITECTURE.md rule 1)',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS scripts for tools that require them (electron-builder's hooks)
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronRule], patterns: [electronSubpaths, { group: ['**/shell/**', '**/renderer/**', '**/preload/**'], message: 'core and host serve every transport: they never import the shell, the preload or the page' }] },
      ],
      'no-restricted-syntax': ['error', noDynamicElectronImport],
    },
  },
  {
    // the core serves every transport: it never reaches up into one of them
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronRule], patterns: [
            electronSubpaths,
            { group: ['**/shell/**', '**/renderer/**', '**/preload/**', '**/host/**', '**/main/index'], message: 'the core never reaches up into a transport (web host, Electron shell) or the page' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronRule, ...nodeModules.map(nodeRule), { name: 'react', message: 'shared is pure TypeScript: no React (ARCHITECTURE.md)' }],
          patterns: [
            electronSubpaths,
            { group: ['react/*', 'react-dom', 'react-dom/*'], message: 'shared is pure TypeScript: no React (ARCHITECTURE.md)' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared is the bottom layer: it imports nothing of main, preload or the page' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', noDynamicNodeImport, noDynamicElectronImport],
    },
  },
  {
    // the preload runs sandboxed: electron's bridge and types of the contract, nothing of Node, the core or the page
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeModules.map(nodeRule), patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'the preload imports electron and the contract\'s types only' }] },
      ],
      'no-restricted-syntax': ['error', noDynamicNodeImport],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer reaches Electron only through the preload' }, ...nodeModules.map(nodeRule)],
          patterns: [
            { group: ['electron/*'], message: 'the renderer reaches Electron only through the preload' },
            { group: ['**/main/**'], message: 'the renderer reaches the core only through the contract and call()' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', noDynamicNodeImport, noDynamicElectronImport],
    },
  },
);
