import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** A Chromium or Chrome binary: $CHROMIUM_PATH first, then the usual places; null when none exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH && existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

function findSystemOpener(): string | null {
  if (process.platform === 'darwin') return '/usr/bin/open';
  if (process.platform === 'win32') return null;
  return ['/usr/bin/xdg-open', '/usr/local/bin/xdg-open'].find((path) => existsSync(path)) ?? null;
}

/** Opens the URL in an app window and says how, or says why it could not. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set); open the URL in a browser';
  }
  const chromium = findChromium(env);
  if (chromium) {
    const args = [`--app=${url}`, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'bpstudio-chromium-'))}`, '--no-first-run', '--no-default-browser-check'];
    // Chromium refuses to start as root without this (containers, CI); a normal user keeps the sandbox.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    spawn(chromium, args, { detached: true, stdio: 'ignore' }).on('error', () => undefined).unref();
    return `opened a window with ${chromium}`;
  }
  const opener = findSystemOpener();
  if (opener) {
    spawn(opener, [url], { detached: true, stdio: 'ignore' }).on('error', () => undefined).unref();
    return `asked ${opener} to open it`;
  }
  return 'no Chromium, Chrome or xdg-open found (set CHROMIUM_PATH); open the URL in your browser';
}
