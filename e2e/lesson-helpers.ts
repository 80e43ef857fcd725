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

/** Waits until a run button is usable again (the step finished). */
export async function press(page: Page, testId: 'step-forward' | 'step-backward' | 'run-forward' | 'run-backward' | 'reset'): Promise<void> {
  await page.getByTestId(testId).click();
  await expect(page.getByTestId('run-forward')).toBeEnabled({ timeout: 60_000 });
}

export async function finish(page: Page, id: string, screenshot?: string): Promise<void> {
  if (screenshot) await page.screenshot({ path: screenshot });
  await next(page);
  await expect(page.getByTestId(`lesson-${id}`)).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId(`lesson-${id}`)).toContainText('✓');
}
