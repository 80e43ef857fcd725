import { expect, test } from './fixtures';
import { answerWrongThenRight, expectActionDone, expectNotYet, expectStep, finish, next, openLesson, press } from './lesson-helpers';

// Lesson 5.2 in English: predict ∂z/∂x of z = (x + y)² by the chain rule, then let the graph do it.
test('lesson 5.2 the chain rule, completed in English', async ({ page }) => {
  await openLesson(page, '5.2');
  await expect(page.locator('[data-testid^="node-"][data-kind]')).toHaveCount(5);
  await expectStep(page, 1, 'chain rule');
  await answerWrongThenRight(page, '25', '10', 'Hint: First find t = x + y');
  await next(page);

  await expectStep(page, 2, '∂ 10');
  await expectNotYet(page);
  await press(page, 'step-forward');
  await expectNotYet(page);
  await press(page, 'run-backward');
  await expect(page.locator('[data-testid^="edge-grad-"][data-source="x"]')).toHaveText('∂ 10');
  await expectActionDone(page);
  await next(page);
  await expectStep(page, 3, 'chain rule applied node by node');
  await finish(page, '5.2');
});
