import { expect, test } from './fixtures';
import { actionStep, finish, openLesson, predictStep } from './lesson-helpers';

test.use({ uiLanguage: 'zh-CN' });

// Lesson 5.5 in Chinese: ReLU's mask, then the Sigmoid built from ×(−1), exp, +1, 1/x until y(1 − y).
test('lesson 5.5 激活函数层, completed in Chinese', async ({ page }) => {
  await openLesson(page, '5.5');
  await predictStep(page, 1, 'mask', '1', '0', 'mask 会挡住导数');
  await actionStep(page, 2, '矩阵', { early: ['run-forward'], done: ['run-backward'] });
  await expect(page.getByTestId('node-reciprocal')).toBeVisible();
  await actionStep(page, 3, 'Sigmoid', {
    done: ['run-forward'],
    seen: () => expect(page.locator('[data-testid^="edge-value-"][data-source="reciprocal"]')).toHaveText(/^0\.731/),
  });
  await predictStep(page, 4, '三位小数', '0.731', '0.197', 'y(1 − y)');
  await actionStep(page, 5, '0.197', {
    done: ['run-backward'],
    seen: () => expect(page.locator('[data-testid^="edge-grad-"][data-source="x"][data-target="negate"]')).toHaveText(/^∂ 0\.19/),
  });
  await finish(page, '5.5');
});
