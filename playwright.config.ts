import { defineConfig } from '@playwright/test';

// End-to-end tests run against the built site (`npm run build` first), served as static hosting
// would, in Debian's Chromium: Playwright's own browser download cannot work on this machine.
const PORT = 4329;
// The site under test: dist/ by default, or the folder `npm run build -- --out DIR` wrote.
const OUT = process.env.CAPACITY_OUT ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // A page's axe pass in two colour schemes takes seconds on an idle machine and a minute on a busy one:
  // the budget is there to end a hung test, not to time the page.
  timeout: 180_000,
  workers: 2,
  reporter: [['list']],
  forbidOnly: Boolean(process.env.CI),
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `node scripts/start.mjs preview --out ${JSON.stringify(OUT)} --port ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
