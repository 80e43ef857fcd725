import { expect, test } from './fixtures';

test.describe('the first start', () => {
  test.use({ showWelcome: true });

  test('shows the welcome once, with the language choice; Start opens lesson 5.1; Help brings it back', async ({ page }) => {
    const dialog = page.getByTestId('welcome-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('language-select').selectOption('zh-CN');
    await expect(dialog).toContainText('从第 5.1 课开始');
    await page.screenshot({ path: test.info().outputPath('welcome-zh-CN.png') });
    await page.getByTestId('welcome-start-lesson').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('lessons-panel')).toBeVisible();
    await expect(page.getByTestId('lesson-runner')).toHaveAttribute('data-lesson', '5.1');
    await expect(page.locator('[data-testid^="node-"][data-kind="Mul"]')).toHaveCount(2);

    // Seen once: not again at the next start, until Help (the ? button) asks for it.
    await page.reload();
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('run-forward')).toHaveText('正向传播');
    await page.getByTestId('help-button').click();
    await expect(dialog).toBeVisible();
    await page.getByTestId('welcome-open-example').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('[data-testid^="node-"][data-kind="Mul"]')).toHaveCount(2);

    await page.getByTestId('help-button').click();
    await page.getByTestId('welcome-empty').click();
    await expect(page.locator('[data-testid^="node-"][data-kind]')).toHaveCount(0);
  });

  test('"show at every start" brings it back at the next start', async ({ page }) => {
    await expect(page.getByTestId('welcome-dialog')).toBeVisible();
    await page.getByTestId('welcome-show-at-start').check();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('welcome-dialog')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('welcome-dialog')).toBeVisible();
  });
});

test('the specs start without it', async ({ page }) => {
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('welcome-dialog')).toHaveCount(0);
});
