import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connect, dropFromPalette, nodeIds, openExample } from './canvas-helpers';
import { expect, packageRoot, test } from './fixtures';

// The README's screenshots. Each is attached to the report; with BPSTUDIO_DOCS=1 they are also
// written into docs/ (kept out of ordinary runs so `npm test` leaves the working tree alone).
const writeDocs = process.env.BPSTUDIO_DOCS === '1';

async function keep(page: Page, name: string): Promise<void> {
  const body = await page.screenshot();
  await test.info().attach(name, { body, contentType: 'image/png' });
  if (writeDocs) {
    mkdirSync(join(packageRoot, 'docs'), { recursive: true });
    await page.screenshot({ path: join(packageRoot, 'docs', name) });
  }
}

async function runBoth(page: Page): Promise<void> {
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-forward')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('run-backward').click();
  await expect(page.getByTestId('status-bar')).toContainText(/backward/i);
}

test('docs/apple-backward.png: the apple example after the backward pass', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await expect.poll(() => nodeIds(page)).toHaveLength(6);
  await runBoth(page);
  await page.getByTestId('node-mul_tax').click();
  await expect(page.locator('[data-testid^="edge-grad-"]').first()).toHaveText(/∂/);
  await keep(page, 'apple-backward.png');
});

test('docs/two-layer-net.png: the two-layer net on an MNIST batch', async ({ page }) => {
  await openExample(page, '09-two-layer-net.json');
  await runBoth(page);
  await expect(page.getByTestId('error-message')).toHaveCount(0);
  // A wider window so the fitted graph is large enough to read.
  await page.setViewportSize({ width: 1920, height: 1000 });
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(400);
  await keep(page, 'two-layer-net.png');
});

test('docs/node-error.png: an error shown on a node', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await expect.poll(() => nodeIds(page)).toHaveLength(6);
  const extra = await dropFromPalette(page, 'Mul', { x: 300, y: 640 });
  await connect(page, { node: 'tax', port: 'out' }, { node: extra, port: 'x' });
  await expect(page.getByTestId(`error-badge-${extra}`)).toBeVisible();
  await keep(page, 'node-error.png');
});
