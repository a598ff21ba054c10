// Layers are enforced here, not by prose: see ARCHITECTURE.md, rule 1.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'better-sqlite3', 'exceljs'];
const electronRule = { name: 'electron', message: 'core and shared never import electron (ARCHITECTURE.md rule 1)' };
const nodeRule = (name) => ({ name, message: 'renderer and shared never import node modules (ARCHITECTURE.md rule 1)' });

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
    files: ['src/main/core/**/*.ts', 'src/main/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronRule], patterns: ['**/shell/**', '**/renderer/**'] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronRule, ...nodeModules.map(nodeRule)], patterns: ['**/main/**', '**/renderer/**', '**/preload/**'] },
      ],
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
        { paths: [{ name: 'electron', message: 'the renderer reaches Electron only through the preload' }, ...nodeModules.map(nodeRule)], patterns: ['**/main/**'] },
      ],
    },
  },
);
