import { expect, test } from './fixtures';
import { keepScreenshot } from './screenshots';
import { openTrainingWorkspace } from './training-helpers';

// Training through the Api: the run happens in the main side's worker and its events stream back
// to the page (IPC in Electron, the WebSocket in browser mode), into the whole-window workspace.
test('a short run shows 50 weight tiles and its mistakes; a confusion cell filters the gallery to exactly its images', async ({ page, cspViolations }) => {
  await openTrainingWorkspace(page);
  await page.getByTestId('train-option-iterations').fill('600');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toContainText(/of 600/);
  await expect(page.getByTestId('train-status')).toContainText('Done', { timeout: 120_000 });
  await expect(page.getByTestId('train-result')).toContainText(/train accuracy 0\.[5-9]\d*, test accuracy 0\.[5-9]/);
  await expect(page.locator('[data-testid^="weights-tile-"]')).toHaveCount(50);

  const gallery = page.getByTestId('mistakes-gallery');
  await expect(gallery.locator('[data-testid^="mistake-"]').first()).toBeVisible();
  // The most populated off-diagonal cell: the gallery shows exactly that pair, as many as the cell counts.
  const cells = await page.locator('[data-testid^="confusion-cell-"]').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-testid')!, count: Number(el.getAttribute('data-count')) })).filter((c) => c.count > 0 && c.id.split('-')[2] !== c.id.split('-')[3]),
  );
  const cell = cells.sort((a, b) => b.count - a.count)[0];
  const [, , actual, predicted] = cell.id.split('-');
  await page.getByTestId(cell.id).click();
  const shown = gallery.locator('[data-testid^="mistake-"]');
  await expect(shown).toHaveCount(Math.min(cell.count, 60));
  const pairs = await shown.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-label')}-${el.getAttribute('data-predicted')}`));
  expect(new Set(pairs)).toEqual(new Set([`${actual}-${predicted}`]));
  await keepScreenshot(page.locator('section.card', { has: gallery }), 'training-mistakes.png');

  // A tile opens its unit: large, with its bias and ten outgoing weights.
  await page.getByTestId('weights-tile-3').click();
  await expect(page.getByTestId('weights-unit')).toContainText('Hidden unit 4');
  await expect(page.locator('[data-testid^="weights-unit-out-"]')).toHaveCount(10);
  await keepScreenshot(page.locator('section.card', { has: page.getByTestId('weights-grid') }), 'training-weights.png');
  expect(cspViolations).toEqual([]);
});

test('a long run pauses (the clock stops), resumes and cancels', async ({ page }) => {
  await openTrainingWorkspace(page);
  await page.getByTestId('train-option-iterations').fill('1000000');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toContainText(/Running.*iteration [1-9]/);
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('train-status')).toContainText('Paused');
  const elapsed = async () => page.getByTestId('train-status').textContent();
  const before = await elapsed();
  await page.waitForTimeout(1500);
  expect(await elapsed()).toBe(before);
  await page.getByTestId('train-resume').click();
  await expect(page.getByTestId('train-status')).toContainText('Running');
  await page.getByTestId('train-cancel').click();
  await expect(page.getByTestId('train-status')).toContainText('Cancelled');
  await expect(page.getByTestId('train-start')).toBeEnabled();
});

test('invalid options say what they take, in a sentence, and keep Start disabled', async ({ page }) => {
  await openTrainingWorkspace(page);
  await page.getByTestId('train-option-iterations').fill('0');
  await expect(page.getByTestId('train-option-error-iterations')).toHaveText('Iterations must be a whole number from 1 to 1,000,000');
  await page.getByTestId('train-option-batch').fill('2.5');
  await expect(page.getByTestId('train-option-error-batch')).toHaveText('The batch size must be a whole number from 1 to 10,000');
  await page.getByTestId('train-option-lr').fill('abc');
  await expect(page.getByTestId('train-option-error-lr')).toHaveText('The learning rate must be a number greater than 0 and at most 100');
  await page.getByTestId('train-option-hidden').fill('5000');
  await expect(page.getByTestId('train-option-error-hidden')).toHaveText('Hidden units must be a whole number from 1 to 4,096');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await page.getByTestId('train-option-iterations').fill('600');
  await page.getByTestId('train-option-batch').fill('100');
  await page.getByTestId('train-option-lr').fill('0.1');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await page.getByTestId('train-option-hidden').fill('50');
  await expect(page.locator('[data-testid^="train-option-error-"]')).toHaveCount(0);
  await expect(page.getByTestId('train-start')).toBeEnabled();
});
