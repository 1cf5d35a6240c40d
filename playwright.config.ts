import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath, missingChromium } from './test/support/chromium.js';
import { inCi } from './test/support/prerequisites.js';

const missing = missingChromium();
if (missing && !inCi) console.warn(`Skipping the e2e tests: ${missing.message}`);

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 1360, height: 820 },
    screenshot: 'only-on-failure',
  },
});
