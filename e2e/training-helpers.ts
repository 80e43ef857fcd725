import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// What a learner does in the training workspace, written against its data-testid hooks.

export async function openTrainingWorkspace(page: Page): Promise<void> {
  await page.getByTestId('view-training').click();
  await expect(page.getByTestId('training-workspace')).toBeVisible();
}

/** Sets the options given (by field name), starts a run and waits for its result. */
export async function trainRun(page: Page, options: { iterations?: number; optimizer?: string } = {}, timeout = 180_000): Promise<void> {
  if (options.iterations !== undefined) await page.getByTestId('train-option-iterations').fill(String(options.iterations));
  if (options.optimizer) await page.getByTestId('train-option-optimizer').selectOption(options.optimizer);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toContainText(/Done|Failed|Cancelled/, { timeout });
  await expect(page.getByTestId('train-status')).toContainText('Done');
}

type Point = readonly [number, number];

/** Draws one stroke through the points (pad coordinates, 0–280) with the mouse. */
export async function drawStroke(page: Page, points: readonly Point[]): Promise<void> {
  // Right after a run the workspace is still laying out its results above the pad (a run that
  // ends quickly, or a busy machine): the pad is measured once it has stayed put for two frames.
  const pad = page.getByTestId('digit-pad');
  let previous = '';
  await expect
    .poll(async () => {
      await pad.scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const current = JSON.stringify(await pad.boundingBox());
      const settled = current === previous;
      previous = current;
      return settled;
    })
    .toBe(true);
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: Point) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
  await page.mouse.up();
}

export const verticalStroke: Point[] = [[140, 40], [140, 240]];
export const ellipse: Point[] = Array.from({ length: 49 }, (_, i) => [140 + 62 * Math.sin((i / 48) * 2 * Math.PI), 140 - 95 * Math.cos((i / 48) * 2 * Math.PI)] as const);

export async function padProbabilities(page: Page): Promise<number[]> {
  return page.locator('[data-testid^="digit-prob-"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-p'))));
}
