import { expect, test } from './fixtures';
import { answerWrongThenRight, expectActionDone, expectNotYet, expectStep, finish, next, openLesson, press } from './lesson-helpers';

test.use({ uiLanguage: 'zh-CN' });

// Lesson 5.5 in Chinese: ReLU's mask, then the Sigmoid built from ×(−1), exp, +1, 1/x until y(1 − y).
test('lesson 5.5 激活函数层, completed in Chinese', async ({ page }) => {
  await openLesson(page, '5.5');
  await expectStep(page, 1, 'mask');
  await answerWrongThenRight(page, '1', '0', 'mask 会挡住导数');
  await next(page);

  await expectStep(page, 2, '矩阵');
  await expectNotYet(page);
  await press(page, 'run-forward');
  await expectNotYet(page);
  await press(page, 'run-backward');
  await expectActionDone(page);
  await next(page);

  await expectStep(page, 3, 'Sigmoid');
  await expect(page.getByTestId('node-reciprocal')).toBeVisible();
  await expectNotYet(page);
  await press(page, 'run-forward');
  await expect(page.locator('[data-testid^="edge-value-"][data-source="reciprocal"]')).toHaveText(/^0\.731/);
  await expectActionDone(page);
  await next(page);

  await expectStep(page, 4, '三位小数');
  await answerWrongThenRight(page, '0.731', '0.197', 'y(1 − y)');
  await next(page);

  await expectStep(page, 5, '0.197');
  await expectNotYet(page);
  await press(page, 'run-backward');
  await expect(page.locator('[data-testid^="edge-grad-"][data-source="x"][data-target="negate"]')).toHaveText(/^∂ 0\.19/);
  await expectActionDone(page);
  await next(page);
  await finish(page, '5.5');
});
