import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// A learner working through a lesson, written against the lessons panel's test ids.

export async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByTestId('lessons-button').click();
  await expect(page.getByTestId('lessons-panel')).toBeVisible();
  await page.getByTestId(`lesson-${id}`).click();
  await expect(page.getByTestId('lesson-runner')).toHaveAttribute('data-lesson', id);
  await expect(page.getByTestId('lesson-runner')).toHaveAttribute('data-step', '1');
}

export const stepText = (page: Page) => page.getByTestId('lesson-step-text');
export const feedback = (page: Page) => page.getByTestId('lesson-feedback');

export async function expectStep(page: Page, step: number, text: string | RegExp): Promise<void> {
  await expect(page.getByTestId('lesson-runner')).toHaveAttribute('data-step', String(step));
  await expect(stepText(page)).toContainText(text);
}

export async function answer(page: Page, text: string): Promise<void> {
  await page.getByTestId('lesson-answer-input').fill(text);
  await page.getByTestId('lesson-answer-submit').click();
}

/** A wrong answer is refused with a hint; the right one is accepted and unlocks Next. */
export async function answerWrongThenRight(page: Page, wrong: string, right: string, hint: string | RegExp): Promise<void> {
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  await answer(page, wrong);
  await expect(feedback(page)).toHaveAttribute('data-correct', 'false');
  await expect(feedback(page)).toContainText(hint);
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  await answer(page, right);
  await expect(feedback(page)).toHaveAttribute('data-correct', 'true');
  await expect(page.getByTestId('lesson-next')).toBeEnabled();
}

/** "Check" before the action is done says not yet, and Next stays locked. */
export async function expectNotYet(page: Page): Promise<void> {
  await page.getByTestId('lesson-check').click();
  await expect(feedback(page)).toHaveAttribute('data-correct', 'false');
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
}

export async function expectActionDone(page: Page): Promise<void> {
  await expect(feedback(page)).toHaveAttribute('data-correct', 'true');
  await expect(page.getByTestId('lesson-next')).toBeEnabled();
}

export async function next(page: Page): Promise<void> {
  await page.getByTestId('lesson-next').click();
}

export type RunButton = 'step-forward' | 'step-backward' | 'run-forward' | 'run-backward' | 'reset';

/** Waits until a run button is usable again (the step finished). */
export async function press(page: Page, testId: RunButton): Promise<void> {
  await page.getByTestId(testId).click();
  await expect(page.getByTestId('run-forward')).toBeEnabled({ timeout: 60_000 });
}

/** One thing a learner does: press a run button, go on to the next step, or type an answer. */
export type Move = RunButton | 'next' | { readonly answer: string };

export async function perform(page: Page, moves: readonly Move[]): Promise<void> {
  for (const move of moves) {
    if (typeof move === 'object') await answer(page, move.answer);
    else if (move === 'next') await next(page);
    else await press(page, move);
  }
}

/** A step whose task is a number to predict: a wrong answer gets the hint, the right one unlocks Next. */
export async function predictStep(page: Page, step: number, text: string | RegExp, wrong: string, right: string, hint: string | RegExp): Promise<void> {
  await expectStep(page, step, text);
  await answerWrongThenRight(page, wrong, right, hint);
  await next(page);
}

/**
 * A step whose task is done on the graph: Check says "not yet" at first and after each of `early`;
 * the `done` presses complete it (`seen`: what the learner then sees on the canvas).
 */
export async function actionStep(
  page: Page,
  step: number,
  text: string | RegExp,
  { early = [], done, seen }: { early?: readonly RunButton[]; done: readonly RunButton[]; seen?: () => Promise<void> },
): Promise<void> {
  await expectStep(page, step, text);
  await expectNotYet(page);
  for (const button of early) {
    await press(page, button);
    await expectNotYet(page);
  }
  for (const button of done) await press(page, button);
  await seen?.();
  await expectActionDone(page);
  await next(page);
}

export async function finish(page: Page, id: string, screenshot?: string): Promise<void> {
  if (screenshot) await page.screenshot({ path: screenshot });
  await next(page);
  await expect(page.getByTestId(`lesson-${id}`)).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId(`lesson-${id}`)).toContainText('✓');
}
