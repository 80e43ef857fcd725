import { expect, test } from './fixtures';
import { actionStep, answer, expectStep, feedback, finish, next, openLesson, predictStep } from './lesson-helpers';

// Lesson 5.4 in English: the apple-and-orange graph, 715; 3.3, 650 and 110 (the answer shown after
// two wrong tries).
test('lesson 5.4 simple layers, completed in English; two wrong answers show the answer', async ({ page }) => {
  await openLesson(page, '5.4');
  await actionStep(page, 1, 'MulLayer', { early: ['step-forward'], done: ['run-forward'] });
  await predictStep(page, 2, 'orange price', '2.2', '3.3', 'orange count, 3');
  await actionStep(page, 3, '∂ 650', { early: ['step-backward'], done: ['run-backward'] });

  await expectStep(page, 4, 'apple count');
  await answer(page, '100');
  await expect(feedback(page)).toContainText('Hint');
  await answer(page, '2.2');
  await expect(feedback(page)).toHaveAttribute('data-correct', 'false');
  await expect(feedback(page)).toContainText('The answer is 110');
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  await answer(page, '110');
  await expect(feedback(page)).toHaveAttribute('data-correct', 'true');
  await next(page);
  await expectStep(page, 5, '715');
  await finish(page, '5.4');
});
