import type { Page } from '@playwright/test';
import { openExample, runBackward } from './canvas-helpers';
import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';

// Screenshots of issue 11's views (written to docs/explain/ with BPSTUDIO_DOCS=1).
const keep = (page: Page, name: string) => keepScreenshot(page, `explain/${name}`);

test('docs/explain: the apple example explained, the two-layer net at its opening zoom, Sigmoid expanded, the gradient check', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await runBackward(page);
  await page.getByTestId('edge-grad-e1').hover();
  await page.keyboard.press('e');
  await page.getByTestId('explain-path-1').hover();
  await keep(page, 'apple-explained.png');

  await page.getByTestId('explain-close').click();
  await openExample(page, '09-two-layer-net.json');
  await runBackward(page);
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
  await runBackward(page);
  await page.getByTestId('node-sigmoid__exp').click();
  await keep(page, 'sigmoid-expanded.png');

  await openExample(page, '08-softmax-with-loss.json');
  await runBackward(page);
  await page.getByTestId('node-loss').click();
  await keep(page, 'softmax-with-loss.png');

  await openExample(page, '09-two-layer-net.json');
  await page.getByTestId('gradcheck-button').click();
  await expect(page.getByTestId('gradcheck-result')).toBeVisible({ timeout: 120_000 });
  await keep(page, 'gradcheck.png');
  await page.getByTestId('gradcheck-close').click();

  await page.getByTestId('language-select').selectOption('zh-CN');
  await openExample(page, '01-apple.json');
  await runBackward(page);
  await page.getByTestId('edge-grad-e1').hover();
  await page.keyboard.press('e');
  await keep(page, 'apple-explained-zh-CN.png');
  await page.getByTestId('language-select').selectOption('en');
});
