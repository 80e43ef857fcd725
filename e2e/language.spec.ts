import { openExample } from './canvas-helpers';
import { expect, test } from './fixtures';

// The whole UI switches between English and Chinese at any time without touching the canvas.

test.describe('in Chinese from the start', () => {
  test.use({ uiLanguage: 'zh-CN' });

  test('palette, toolbar, inspector and status bar speak Chinese; the palette finds 乘法, Multiply and mul', async ({ page }) => {
    await expect(page.getByTestId('language-select')).toHaveValue('zh-CN');
    await expect(page.getByTestId('document-title')).toHaveText('未命名');
    await expect(page.getByTestId('palette-item-Mul')).toContainText('乘法');
    await expect(page.getByTestId('run-backward')).toHaveText('反向传播');
    for (const query of ['乘法', 'Multiply', 'mul']) {
      await page.getByTestId('palette-search').fill(query);
      await expect(page.getByTestId('palette-item-Mul')).toBeVisible();
      await expect(page.getByTestId('palette-item-Add')).toHaveCount(0);
    }
    await page.getByTestId('palette-search').fill('');

    await openExample(page, '01-apple.json');
    await page.getByTestId('run-forward').click();
    await expect(page.getByTestId('status-bar')).toContainText('正向传播');
    await page.getByTestId('node-mul_tax').click();
    await expect(page.getByTestId('inspector')).toContainText('局部导数');
    await page.screenshot({ path: test.info().outputPath('zh-CN.png') });
  });
});

test('switching language keeps the canvas and its numbers, and comes back to English', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('status-bar')).toContainText('forward');
  const total = page.locator('[data-testid^="edge-value-"][data-target="total"]');
  await expect(total).toHaveText('220');

  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(page.getByTestId('run-forward')).toHaveText('正向传播');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(total).toHaveText('220');
  // The example's name and its node labels switch with the rest of the page.
  await expect(page.getByTestId('document-title')).toContainText('买苹果');
  await expect(page.getByTestId('node-total')).toContainText('支付金额');
  await expect(page.getByTestId('node-apple')).toContainText('苹果单价');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('document-title')).toContainText('Buying apples');
  await expect(page.getByTestId('node-total')).toContainText('total price');
  await page.getByTestId('language-select').selectOption('zh-CN');

  await page.reload();
  await expect(page.getByTestId('language-select')).toHaveValue('zh-CN');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('run-forward')).toHaveText('Run forward');
});
