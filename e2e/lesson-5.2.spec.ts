import { expect, test } from './fixtures';
import { actionStep, expectStep, finish, openLesson, predictStep } from './lesson-helpers';

// Lesson 5.2 in English: predict ∂z/∂x of z = (x + y)² by the chain rule, then let the graph do it.
test('lesson 5.2 the chain rule, completed in English', async ({ page }) => {
  await openLesson(page, '5.2');
  await expect(page.locator('[data-testid^="node-"][data-kind]')).toHaveCount(5);
  await predictStep(page, 1, 'chain rule', '25', '10', 'Hint: First find t = x + y');
  await actionStep(page, 2, '∂ 10', {
    early: ['step-forward'],
    done: ['run-backward'],
    seen: () => expect(page.locator('[data-testid^="edge-grad-"][data-source="x"]')).toHaveText('∂ 10'),
  });
  await expectStep(page, 3, 'chain rule applied node by node');
  await finish(page, '5.2');
});
