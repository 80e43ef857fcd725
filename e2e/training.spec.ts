import { expect, test } from './fixtures';

// Training through the Api: the run happens in the main side's worker and its events stream back
// to the page (IPC in Electron, the WebSocket in browser mode).
test('a short training run streams progress and ends with accuracies; a long one cancels', async ({ page }) => {
  await page.getByTestId('tab-training').click();
  await page.getByTestId('train-iterations').fill('300');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toContainText(/\d+\/300/);
  await expect(page.getByTestId('train-result')).toContainText(/train 0\.[5-9]\d* · test 0\.[5-9]/, { timeout: 120_000 });
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();

  await page.getByTestId('train-iterations').fill('100000');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toContainText(/running/);
  await page.getByTestId('train-cancel').click();
  await expect(page.getByTestId('train-status')).toContainText(/cancel/i);
});
