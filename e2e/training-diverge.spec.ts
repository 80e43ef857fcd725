import { expect, test } from './fixtures';
import { openTrainingWorkspace } from './training-helpers';

test.use({ uiLanguage: 'zh-CN' });

// A learner who tries a huge learning rate is told what happened, in their language, and keeps the last good weights.
test('a diverging run stops with the advice in Chinese and keeps the last good weights', async ({ page }) => {
  test.setTimeout(180_000);
  await openTrainingWorkspace(page);
  await page.getByTestId('train-option-lr').fill('100');
  await page.getByTestId('train-option-iterations').fill('600');
  await page.getByTestId('train-start').click();
  const status = page.getByTestId('training-workspace');
  await expect(status.getByText(/训练在第 \d+ 次迭代时发散了（损失函数的值 = .+）；请试试更小的学习率/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('train-status')).toContainText('失败');
  await expect(status).not.toContainText('training diverged');
  await expect(page.getByTestId('use-trained-weights')).toBeEnabled();
});
