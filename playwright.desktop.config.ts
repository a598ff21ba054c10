import { defineConfig } from '@playwright/test';

/**
 * The desktop smoke test (tests/desktop): Electron itself, not the web host, so none of the e2e run's global setup.
 * `npm run test:desktop`; the release workflow runs it on the packaged app (GRID_APPRAISAL_APP_DIR).
 */
export default defineConfig({
  testDir: 'tests/desktop',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/desktop',
});
