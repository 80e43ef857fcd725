import { expect, test } from './fixtures';
import { actionStep, answerWrongThenRight, expectStep, finish, next, openLesson, predictStep, stepText } from './lesson-helpers';

test.use({ uiLanguage: 'zh-CN' });

// Lesson 5.7 in Chinese: the two-layer net forward and backward, the size of ∂L/∂W1, an epoch, and
// training started from the lesson; switching language mid-training keeps the run and the lesson.
test('lesson 5.7 误差反向传播法的实现, completed in Chinese while training runs; switching language loses nothing', async ({ page }) => {
  test.setTimeout(480_000);
  await openLesson(page, '5.7');
  await actionStep(page, 1, '两层神经网络', { done: ['run-forward'] });
  await predictStep(page, 2, '多少个数', '784', '39200', '行数乘以列数');
  await actionStep(page, 3, '梯度确认', { done: ['run-backward'] });

  await expectStep(page, 4, 'epoch');
  await answerWrongThenRight(page, '60000', '600', '除以批大小');

  await page.getByTestId('view-training').click();
  await page.getByTestId('train-start').click();
  const status = page.getByTestId('train-status');
  await expect(status).toContainText(/[1-9]/, { timeout: 60_000 });
  const before = await status.textContent();

  // Mid-training: the language changes, the run goes on, and the lesson is where it was.
  await page.getByTestId('language-select').selectOption('en');
  await expect(status).not.toHaveText(before ?? '', { timeout: 60_000 });
  await page.getByTestId('view-canvas').click();
  await expectStep(page, 4, 'epoch');
  await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'true');
  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(stepText(page)).toContainText('迭代');

  await next(page);
  await expectStep(page, 5, '第 5 章');
  await finish(page, '5.7');
  // The run finishes, so the host is free for the next spec.
  await page.getByTestId('view-training').click();
  await expect(page.getByTestId('train-start')).toBeEnabled({ timeout: 400_000 });
});
