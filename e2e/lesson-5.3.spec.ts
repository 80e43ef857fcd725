import { expect, test } from './fixtures';
import { actionStep, answerWrongThenRight, expectStep, feedback, finish, next, openLesson, predictStep, stepText } from './lesson-helpers';

test.use({ uiLanguage: 'zh-CN' });

// Lesson 5.3 in Chinese: the add node passes 1.3 on, the multiply node swaps its inputs. Halfway the
// learner switches to English and back: the lesson, its answers and the canvas stay as they were.
test('lesson 5.3 反向传播, completed in Chinese, switching language mid-lesson loses nothing', async ({ page }) => {
  await openLesson(page, '5.3');
  await predictStep(page, 1, '加法节点', '1', '1.3', '乘以 1');
  await actionStep(page, 2, '∂ 1.3', {
    early: ['run-forward'],
    done: ['step-backward', 'step-backward'],
    seen: () => expect(page.locator('[data-testid^="edge-grad-"][data-source="x"]')).toHaveText('∂ 1.3'),
  });

  await expectStep(page, 3, '乘法节点');
  await expect(page.getByTestId('node-mul')).toBeVisible();
  await answerWrongThenRight(page, '13', '6.5', '另一个输入 y = 5');

  await page.getByTestId('language-select').selectOption('en');
  await expectStep(page, 3, 'multiply node');
  await expect(feedback(page)).toHaveAttribute('data-correct', 'true');
  await expect(feedback(page)).toContainText('Right!');
  await expect(page.getByTestId('lesson-next')).toHaveText('Next ▶');
  await expect(page.getByTestId('node-mul')).toBeVisible();
  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(stepText(page)).toContainText('翻转值');
  await next(page);

  await actionStep(page, 4, '∂ 13', {
    done: ['run-backward'],
    seen: () => expect(page.locator('[data-testid^="edge-grad-"][data-source="y"]')).toHaveText('∂ 13'),
  });
  await expectStep(page, 5, '小结');
  await finish(page, '5.3');
});
