import { expect, test } from './fixtures';
import { answerWrongThenRight, expectActionDone, expectNotYet, expectStep, finish, next, openLesson, press } from './lesson-helpers';

// Lesson 5.6 in English: the batch Affine (∂B sums over the batch), Softmax-with-Loss (y − t).
test('lesson 5.6 Affine and Softmax layers, completed in English', async ({ page }) => {
  await openLesson(page, '5.6');
  await expectStep(page, 1, 'Affine layer');
  await answerWrongThenRight(page, '1', '5', 'first column');
  await next(page);

  await expectStep(page, 2, 'bias');
  await expectNotYet(page);
  await press(page, 'run-forward');
  await expectNotYet(page);
  await press(page, 'run-backward');
  await expectActionDone(page);
  await next(page);

  await expectStep(page, 3, 'Softmax-with-Loss');
  await expect(page.getByTestId('node-loss')).toBeVisible();
  // A typed Unicode minus is read as a minus.
  await answerWrongThenRight(page, '0.2', '−0.8', '0.2 − 1');
  await next(page);

  await expectStep(page, 4, 'scores');
  await expectNotYet(page);
  await press(page, 'run-backward');
  await expect(page.locator('[data-testid^="edge-grad-"][data-source="x"]')).toContainText('0.3');
  await expectActionDone(page);
  await next(page);
  await finish(page, '5.6');
});
