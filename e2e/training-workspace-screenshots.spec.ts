import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';
import { drawStroke, ellipse, openTrainingWorkspace } from './training-helpers';

// The training workspace in Chinese, for docs/ beside the English screenshots (BPSTUDIO_DOCS=1 writes
// them): at the size the window opens (1400×860, the Playwright viewport) and at 1280×720.
test.use({ uiLanguage: 'zh-CN' });

const card = (page: Page, testId: string) => page.locator('section.card', { has: page.getByTestId(testId) });

/** Nothing in the workspace is cut off: no text wider than its box, nothing spilling out of the window sideways. */
async function expectNothingClipped(page: Page): Promise<void> {
  const clipped = await page.locator('.training-workspace button, .training-workspace label, .training-workspace th, .training-workspace td, .training-workspace h3, .training-status span').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible').map((el) => el.textContent),
  );
  expect(clipped).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

test('docs: the training workspace in Chinese, at the opening size and at 1280×720', async ({ page }) => {
  test.setTimeout(400_000);
  await openTrainingWorkspace(page);
  await expect(page.getByTestId('train-start')).toHaveText('开始');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toContainText('已完成', { timeout: 300_000 });
  await expect(page.getByTestId('train-result')).toContainText('测试数据的识别精度 0.97');
  await expect(page.locator('[data-testid^="mistake-"]').first()).toBeVisible({ timeout: 60_000 });
  await expectNothingClipped(page);
  await keepScreenshot(page, 'training-workspace-zh-CN.png');

  await page.getByTestId('weights-tile-7').click();
  await page.mouse.move(0, 0);
  await keepScreenshot(card(page, 'weights-grid'), 'training-weights-zh-CN.png');

  const cell = page.locator('[data-testid^="confusion-cell-"].clickable').first();
  await cell.click();
  await page.mouse.move(0, 0);
  await keepScreenshot(card(page, 'mistakes-gallery'), 'training-mistakes-zh-CN.png');

  await drawStroke(page, ellipse);
  await expect(page.getByTestId('digit-prediction')).toHaveText('0');
  await keepScreenshot(card(page, 'digit-pad'), 'training-digit-pad-zh-CN.png');

  await page.getByTestId('train-option-iterations').fill('2000');
  await page.getByTestId('train-option-optimizer').selectOption('adagrad');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-2')).toBeVisible({ timeout: 300_000 });
  await page.getByTestId('run-compare-1').check();
  await page.getByTestId('run-compare-2').check();
  await expect(page.getByTestId('compare-chart')).toHaveAttribute('data-series', '2');
  await keepScreenshot(card(page, 'runs-list'), 'training-runs-zh-CN.png');

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.locator('.training-main').evaluate((el) => el.scrollTo(0, 0));
  await expectNothingClipped(page);
  await keepScreenshot(page, 'training-workspace-zh-CN-1280x720.png');
});
