// The app in browser mode for a benchmark: a host of its own (port 0, a temporary workspace) and a
// system Chromium driven by Playwright. A machine without Chromium skips the benchmark, saying so.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Starts the host (after `npm run build`) and Chromium; `close()` stops both and removes the workspace. */
export async function openBrowserHost(benchName) {
  const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  if (!chromiumPath) {
    console.log(`${benchName}: no Chromium found (set CHROMIUM_PATH or install chromium); skipped`);
    process.exit(0);
  }
  const workspace = mkdtempSync(join(tmpdir(), 'bpstudio-bench-'));
  const host = spawn(process.execPath, [join(root, 'dist/main/host/server.js'), '--port', '0', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    host.on('exit', (code) => reject(new Error(`the host exited (${code}) before printing its URL`)));
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  return {
    url,
    /** A page at the benchmarks' window size, in English, without the welcome or the restore offer; it accepts every confirm. */
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      page.on('dialog', (d) => d.accept());
      // The keys of e2e/fixtures.ts.
      await page.addInitScript(() => {
        localStorage.setItem('bpstudio.language', 'en');
        localStorage.setItem('bpstudio.welcomeSeen', 'true');
        localStorage.setItem('bpstudio.recovery.offer', 'off');
      });
      return page;
    },
    async close() {
      await browser.close();
      host.kill();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
