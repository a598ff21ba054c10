import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/fault/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default leaves one CPU idle: on a two-core office PC or CI runner that is a single worker.
    maxWorkers: Math.max(2, availableParallelism()),
    // Each test opens its own temp data file, so a worker may keep the modules it loaded between test files instead
    // of importing the whole core (zod contract, exceljs …) again for each one: that import was half the unit time.
    isolate: false,
    // what the shared test helpers keep is started over for each file
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 30_000,
  },
});
