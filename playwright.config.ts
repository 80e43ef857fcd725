import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The e2e suite drives the built app in Debian's Chromium against browser mode (the Node host on a
// free port with a temp workspace), and the same specs in Electron where its binary is installed.
// The port and workspace go through the environment so every worker process sees the same ones.

function freePort(): string {
  return execFileSync(process.execPath, [
    '-e',
    "const s = require('net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
  ]).toString();
}

process.env.BPSTUDIO_E2E_PORT ??= freePort();
process.env.BPSTUDIO_E2E_WORKSPACE ??= mkdtempSync(join(tmpdir(), 'bpstudio-e2e-'));
const port = process.env.BPSTUDIO_E2E_PORT;
const workspace = process.env.BPSTUDIO_E2E_WORKSPACE;

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((path): path is string => !!path && existsSync(path));
const built = existsSync('dist/main/host/server.js') && existsSync('dist/renderer/index.html');

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/global-teardown.ts',
  outputDir: 'test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two shared cores, one workspace folder: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    viewport: { width: 1400, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [
    { name: 'browser', use: { browserName: 'chromium' } },
    // e2e/fixtures.ts launches Electron for this project, or skips each test saying why.
    { name: 'electron', testIgnore: /host-security|docs-screenshots|lessons-screenshots/ },
  ],
  webServer: {
    command: `${built ? '' : 'node scripts/build.mjs && '}node dist/main/host/server.js --port ${port} --workspace "${workspace}"`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
