import { edgeValue } from './canvas-helpers';
import { expect, test } from './fixtures';
import { actionStep, answer, answerWrongThenRight, expectActionDone, expectNotYet, expectStep, feedback, finish, next, openLesson, press } from './lesson-helpers';

test.use({ uiLanguage: 'zh-CN' });

// Lesson 5.1 in Chinese, as its own text says: step forward until the multiply node has run, predict
// 220, see it arrive. Each check first refuses the wrong thing.
test('lesson 5.1 计算图, completed in Chinese; progress is kept between starts', async ({ page }) => {
  await openLesson(page, '5.1');
  await expectStep(page, 1, '正向传播');
  await expectNotYet(page);
  await expect(feedback(page)).toContainText('还没有');
  await press(page, 'step-forward'); // apple price: not yet the multiply node
  await expectNotYet(page);
  await press(page, 'step-forward');
  await press(page, 'step-forward');
  await press(page, 'step-forward');
  await expectActionDone(page);
  await next(page);

  await expectStep(page, 2, '局部计算');
  await answer(page, '两百二');
  await expect(feedback(page)).toHaveAttribute('data-correct', 'false');
  await expect(feedback(page)).toContainText('不是一个数');
  await answerWrongThenRight(page, '200', '220', '提示');
  await next(page);

  await actionStep(page, 3, '220', {
    done: ['run-forward'],
    seen: () => expect(edgeValue(page, { node: 'mul_tax', port: 'out' }, { node: 'total', port: 'x' })).toHaveText('220'),
  });
  await expectStep(page, 4, '正向传播');
  await finish(page, '5.1', test.info().outputPath('lesson-5.1.png'));

  await page.reload();
  await page.getByTestId('lessons-button').click();
  await expect(page.getByTestId('lesson-5.1')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('lesson-5.2')).toHaveAttribute('data-done', 'false');
});
