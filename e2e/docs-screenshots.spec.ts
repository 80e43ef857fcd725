import type { Page } from '@playwright/test';
import { connect, dropFromPalette, nodeIds, openExample, runBackward } from './canvas-helpers';
import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';

// The README's screenshots (written into docs/ with BPSTUDIO_DOCS=1).

test('docs/apple-backward.png: the apple example after the backward pass', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await expect.poll(() => nodeIds(page)).toHaveLength(6);
  await runBackward(page);
  await page.getByTestId('node-mul_tax').click();
  await expect(page.locator('[data-testid^="edge-grad-"]').first()).toHaveText(/∂/);
  await keepScreenshot(page, 'apple-backward.png');
});

test('docs/two-layer-net.png: the two-layer net on an MNIST batch', async ({ page }) => {
  await openExample(page, '09-two-layer-net.json');
  await runBackward(page);
  await expect(page.getByTestId('error-message')).toHaveCount(0);
  // A wider window so the fitted graph is large enough to read.
  await page.setViewportSize({ width: 1920, height: 1000 });
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(400);
  await keepScreenshot(page, 'two-layer-net.png');
});

test('docs/node-error.png: an error shown on a node', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await expect.poll(() => nodeIds(page)).toHaveLength(6);
  const extra = await dropFromPalette(page, 'Mul', { x: 300, y: 640 });
  await connect(page, { node: 'tax', port: 'out' }, { node: extra, port: 'x' });
  await expect(page.getByTestId(`error-badge-${extra}`)).toBeVisible();
  await keepScreenshot(page, 'node-error.png');
});
