import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';

// The end-to-end suite builds the client and starts the real server on its own port and data directory, so it
// never touches a developer's ./data. Debian's Chromium is used as is (see README, "Tests").
const port = Number(process.env.TRAVAUX_E2E_PORT ?? 8791);
const dataDir = join(tmpdir(), `travaux-e2e-${port}`);

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Several browser contexts on two cores: the longest scenarios take 35–45 s when the machine is busy.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  webServer: {
    command: `rm -rf '${dataDir}' && pnpm --filter @travaux/client build && node --import tsx ../server/src/main.ts`,
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      TRAVAUX_DATA_DIR: dataDir,
      TRAVAUX_UNLOAD_GRACE_MS: '500',
      TRAVAUX_ADMIN_TOKEN: 'e2e-admin-token-not-a-secret',
    },
  },
});
