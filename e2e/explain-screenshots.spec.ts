import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openExample } from './canvas-helpers';
import { expect, packageRoot, test } from './fixtures';

// Screenshots of issue 11's views, attached to the report; with BPSTUDIO_DOCS=1 also written to docs/explain/.
const writeDocs = process.env.BPSTUDIO_DOCS === '1';

async function keep(page: Page, name: string): Promise<void> {
  const body = await page.screenshot();
  await test.info().attach(name, { body, contentType: 'image/png' });
  if (writeDocs) {
    mkdirSync(join(packageRoot, 'docs', 'explain'), { recursive: true });
    await page.screenshot({ path: join(packageRoot, 'docs', 'explain', name) });
  }
}

async function runBoth(page: Page): Promise<void> {
  await page.getByTestId('run-backward').click();
  await expect(page.getByTestId('run-backward')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('status-bar')).toContainText(/backward|反向/i);
}

test('docs/explain: the apple example explained, the two-layer net at its opening zoom, Sigmoid expanded, the gradient check', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await runBoth(page);
  await page.getByTestId('edge-grad-e1').hover();
  await page.keyboard.press('e');
  await page.getByTestId('explain-path-1').hover();
  await keep(page, 'apple-explained.png');

  await page.getByTestId('explain-close').click();
  await openExample(page, '09-two-layer-net.json');
  await runBoth(page);
  await keep(page, 'two-layer-net-opening.png');
  // The images' edge: its gradient is hidden (a constant) but it can still be explained.
  await page.getByTestId('edge-value-e1').hover();
  await page.keyboard.press('e');
  await expect(page.getByTestId('explain-rule')).toBeVisible();
  await keep(page, 'two-layer-net-explained.png');
  await page.getByTestId('explain-close').click();

  await openExample(page, '06-sigmoid-decomposed.json');
  await page.getByTestId('node-sigmoid').click({ button: 'right' });
  await keep(page, 'context-menu.png');
  await page.getByTestId('node-menu-expand').click();
  await runBoth(page);
  await page.getByTestId('node-sigmoid__exp').click();
  await keep(page, 'sigmoid-expanded.png');

  await openExample(page, '08-softmax-with-loss.json');
  await runBoth(page);
  await page.getByTestId('node-loss').click();
  await keep(page, 'softmax-with-loss.png');

  await openExample(page, '09-two-layer-net.json');
  await page.getByTestId('gradcheck-button').click();
  await expect(page.getByTestId('gradcheck-result')).toBeVisible({ timeout: 120_000 });
  await keep(page, 'gradcheck.png');
  await page.getByTestId('gradcheck-close').click();

  await page.getByTestId('language-select').selectOption('zh-CN');
  await openExample(page, '01-apple.json');
  await runBoth(page);
  await page.getByTestId('edge-grad-e1').hover();
  await page.keyboard.press('e');
  await keep(page, 'apple-explained-zh-CN.png');
  await page.getByTestId('language-select').selectOption('en');
});
