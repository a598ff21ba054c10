import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    // building ten years of a district takes minutes on a busy two-core machine
    hookTimeout: 600_000,
  },
});
