import { expect, test } from './fixtures';
import { actionStep, finish, openLesson, predictStep } from './lesson-helpers';

// Lesson 5.6 in English: the batch Affine (∂B sums over the batch), Softmax-with-Loss (y − t).
test('lesson 5.6 Affine and Softmax layers, completed in English', async ({ page }) => {
  await openLesson(page, '5.6');
  await predictStep(page, 1, 'Affine layer', '1', '5', 'first column');
  await actionStep(page, 2, 'bias', { early: ['run-forward'], done: ['run-backward'] });
  await expect(page.getByTestId('node-loss')).toBeVisible();
  // A typed Unicode minus is read as a minus.
  await predictStep(page, 3, 'Softmax-with-Loss', '0.2', '−0.8', '0.2 − 1');
  await actionStep(page, 4, 'scores', {
    done: ['run-backward'],
    seen: () => expect(page.locator('[data-testid^="edge-grad-"][data-source="x"]')).toContainText('0.3'),
  });
  await finish(page, '5.6');
});
