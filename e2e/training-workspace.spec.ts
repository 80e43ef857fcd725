import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';
import { drawStroke, ellipse, openTrainingWorkspace, padProbabilities, trainRun, verticalStroke } from './training-helpers';

// What a learner does with a trained net: draws digits for it, steps one through the graph, compares runs.
test('a default run, then a drawn 1 and 0 are predicted; Step it on the canvas shows the same probabilities', async ({ page }) => {
  test.setTimeout(300_000);
  await openTrainingWorkspace(page);
  await expect(page.getByTestId('digit-no-net')).toBeVisible();
  await trainRun(page);
  await keepScreenshot(page, 'training-workspace.png');

  await expect(page.getByTestId('digit-empty')).toBeVisible();
  await drawStroke(page, verticalStroke);
  await expect(page.getByTestId('digit-prediction')).toHaveText('1');
  await page.getByTestId('digit-clear').click();
  await expect(page.getByTestId('digit-empty')).toBeVisible();
  await drawStroke(page, ellipse);
  await expect(page.getByTestId('digit-prediction')).toHaveText('0');
  const onPad = await padProbabilities(page);
  expect(onPad).toHaveLength(10);
  expect(onPad.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  await keepScreenshot(page.locator('section.card', { has: page.getByTestId('digit-pad') }), 'training-digit-pad.png');

  await page.getByTestId('digit-to-canvas').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('node-probabilities')).toBeVisible();
  await page.getByTestId('run-forward').click();
  const probabilities = page.locator('[data-testid^="edge-value-"][data-source="probabilities"][data-target="probabilities-out"]');
  await expect(probabilities).not.toHaveText('', { timeout: 60_000 });
  const cells = page.locator('.edge-popover .tensor-table td');
  // A hover can land while the label still moves (the canvas fits its view): hover again until the table shows.
  await expect(async () => {
    await probabilities.hover();
    await expect(cells).toHaveCount(10, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const onCanvas = (await cells.allTextContents()).map((text) => Number(text.replace('−', '-')));
  onCanvas.forEach((p, d) => expect(Math.abs(p - onPad[d])).toBeLessThan(1e-5 + 1e-5 * Math.abs(onPad[d])));
  await keepScreenshot(page, 'training-step-on-canvas.png');
});

test('two runs with different optimizers overlay on one chart', async ({ page }) => {
  test.setTimeout(300_000);
  await openTrainingWorkspace(page);
  await trainRun(page, { iterations: 600, optimizer: 'sgd' });
  await trainRun(page, { iterations: 600, optimizer: 'adam' });
  await expect(page.getByTestId('run-1')).toContainText('SGD');
  await expect(page.getByTestId('run-2')).toContainText('Adam');
  await page.getByTestId('run-compare-1').check();
  await page.getByTestId('run-compare-2').check();
  const chart = page.getByTestId('compare-chart');
  await expect(chart).toHaveAttribute('data-series', '2');
  await expect(chart).toContainText('Run 1');
  await expect(chart).toContainText('Run 2');
  await keepScreenshot(page.locator('section.card', { has: page.getByTestId('runs-list') }), 'training-runs.png');
  await page.getByTestId('run-compare-1').uncheck();
  await expect(chart).toHaveAttribute('data-series', '1');
});
