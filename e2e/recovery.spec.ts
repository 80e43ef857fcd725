import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { edgeValue, openExample, setParam } from './canvas-helpers';
import { expect, LANGUAGE_KEY, packageRoot, test, WELCOME_SEEN_KEY } from './fixtures';

// Hot exit across a crash: this spec runs its own host (own port, workspace and backup folder) and
// kills it with SIGKILL, never the shared host of playwright.config.ts.

test.skip(({ mode }) => mode !== 'browser', 'kills the browser-mode host; Electron keeps its backups in userData the same way');

let root: string;
let host: ChildProcess | undefined;
let port: number;
/** Where this spec's own host serves the app. */
let url: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `server.js` and resolves once it says where it listens. */
function startHost(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(packageRoot, 'dist/main/host/server.js'), '--port', String(port), '--workspace', join(root, 'workspace'), '--backups', join(root, 'backups')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('browser mode) at http://')) resolve(child);
    });
    child.stderr!.on('data', (chunk) => (out += String(chunk)));
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}: ${out}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function startOwnHost(): Promise<void> {
  port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  host = await startHost(port);
}

/** kill -9 of the host, then the same host again on the same port; `whileDown` runs in between. */
async function crashAndRestartHost(whileDown?: (deadPid: number) => void): Promise<void> {
  const deadPid = host!.pid!;
  await killHard(host!);
  whileDown?.(deadPid);
  host = await startHost(port);
}

test.beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bpstudio-recovery-'));
});

test.afterEach(async () => {
  if (host && host.exitCode === null) await killHard(host);
  // The electron project skips this spec before beforeEach runs, but still runs afterEach.
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A tab of our own (not the fixture's page, which opens the shared host), in English, welcome seen. */
async function newTab(context: BrowserContext): Promise<Page> {
  await context.addInitScript(
    ({ keys }) => {
      localStorage.setItem(keys[0], 'en');
      localStorage.setItem(keys[1], 'true');
    },
    { keys: [LANGUAGE_KEY, WELCOME_SEEN_KEY] },
  );
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

async function openApp(page: Page): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('canvas')).toBeVisible();
}

/** The text of every backup the host holds (one file per page). */
function backups(): string[] {
  const dir = join(root, 'backups');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.backup'))
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

test('an edit survives kill -9 of the host: the next start offers it back, and restoring brings the edit back unsaved', async ({ context }) => {
  const page = await newTab(context);
  await startOwnHost();
  await openApp(page);
  await expect(page.getByTestId('restore-dialog')).toHaveCount(0);
  await openExample(page, '01-apple.json');
  await setParam(page, 'apple', 'value', '150');
  await expect(page.getByTestId('document-title')).toContainText('•');
  // Backed up about a second after the change.
  await expect.poll(() => backups().join(''), { timeout: 10_000 }).toContain('"value": 150');

  // A save killed mid-write leaves its temp file; the restarted host removes it (its writer is dead).
  let staleTemp = '';
  await crashAndRestartHost((deadPid) => {
    staleTemp = join(root, 'workspace', `.graph.json.bpstudio-${deadPid}-0a1b2c3d4e5f.tmp`);
    mkdirSync(join(root, 'workspace'), { recursive: true });
    writeFileSync(staleTemp, '');
  });
  expect(existsSync(staleTemp)).toBe(false);
  await openApp(page);

  const offer = page.getByTestId('restore-dialog');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('The graph “Buying apples” had unsaved changes');
  await expect(offer).toContainText(/backed up at .*\d{1,2}:\d{2}:\d{2}/);
  await expect(offer).toContainText('It had not been saved to a file yet.');
  await page.screenshot({ path: test.info().outputPath('restore-dialog.png') });
  await page.getByTestId('restore-accept').click();
  await expect(offer).toHaveCount(0);

  await expect(page.getByTestId('document-title')).toContainText('•');
  await page.getByTestId('run-forward').click();
  // 150 × 2 apples × 1.1 tax: the edit is back.
  await expect(edgeValue(page, { node: 'mul_tax', port: 'out' }, { node: 'total', port: 'x' })).toHaveText('330');

  // Discarding the graph (New, confirmed) drops the backup: the next start offers nothing.
  await page.getByTestId('file-new').click();
  await expect.poll(() => backups().length).toBe(0);
  await openApp(page);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('restore-dialog')).toHaveCount(0);
});

test('declining the offer discards the backup', async ({ context }) => {
  const page = await newTab(context);
  await startOwnHost();
  await openApp(page);
  await openExample(page, '03-add-node.json');
  await page.getByTestId('file-save').click();
  await page.getByTestId('save-as-name').fill('mine');
  await page.getByTestId('save-as-confirm').click();
  await expect(page.getByTestId('status-bar')).toHaveText(`Saved mine.json in ${join(root, 'workspace')}`);
  await setParam(page, 'x', 'value', '11');
  await expect.poll(() => backups().length, { timeout: 10_000 }).toBe(1);

  await crashAndRestartHost();
  await openApp(page);
  const offer = page.getByTestId('restore-dialog');
  await expect(offer).toContainText(`Its file is ${join(root, 'workspace', 'mine.json')}`);
  await page.getByTestId('restore-discard').click();
  await expect(offer).toHaveCount(0);
  await expect.poll(() => backups().length).toBe(0);
});

test('two tabs keep two backups: after kill -9 each comes back, newest first, one per tab', async ({ context }) => {
  await startOwnHost();
  const first = await newTab(context);
  await openApp(first);
  await openExample(first, '01-apple.json');
  await setParam(first, 'apple', 'value', '150');
  await expect.poll(() => backups().join(''), { timeout: 10_000 }).toContain('"value": 150');

  const second = await context.newPage();
  await openApp(second);
  // The first tab is still open: its backup is not offered to the second.
  await second.waitForTimeout(1000);
  await expect(second.getByTestId('restore-dialog')).toHaveCount(0);
  await openExample(second, '03-add-node.json');
  await setParam(second, 'x', 'value', '11');
  await expect.poll(() => backups().length, { timeout: 10_000 }).toBe(2);
  // Editing one tab never overwrote the other's backup.
  expect(backups().join('')).toContain('"value": 150');

  await crashAndRestartHost();
  await openApp(second);
  await expect(second.getByTestId('restore-dialog')).toContainText('“The add node: 10 + 5”');
  await second.getByTestId('restore-accept').click();
  await openApp(first);
  await expect(first.getByTestId('restore-dialog')).toContainText('“Buying apples”');
  await first.getByTestId('restore-accept').click();
  await first.getByTestId('run-forward').click();
  await expect(edgeValue(first, { node: 'mul_tax', port: 'out' }, { node: 'total', port: 'x' })).toHaveText('330');
  expect(backups()).toHaveLength(2);
});
