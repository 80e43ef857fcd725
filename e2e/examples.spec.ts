import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { edgeValue, errorMessage, nodeIds, openExample } from './canvas-helpers';
import { examplesDir, exampleFiles, expect, test } from './fixtures';

// Every file in assets/examples opens from the Examples menu and runs forward and backward cleanly.
for (const file of exampleFiles()) {
  test(`example ${file} opens and runs forward and backward without an error`, async ({ page }) => {
    const document = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as { nodes: { id: string }[] };
    await openExample(page, file);
    await expect.poll(() => nodeIds(page)).toEqual(document.nodes.map((n) => n.id).sort());

    await page.getByTestId('run-forward').click();
    await expect(page.getByTestId('run-forward')).toBeEnabled({ timeout: 60_000 });
    await page.getByTestId('run-backward').click();
    await expect(page.getByTestId('run-backward')).toBeEnabled({ timeout: 60_000 });
    await expect(page.getByTestId('status-bar')).toContainText(/backward/i);
    await expect(errorMessage(page)).toHaveCount(0);
    await expect(page.locator('[data-testid^="error-badge-"]')).toHaveCount(0);
    // Every edge carries a gradient once backward is done; those into constants (labels, images) hide it.
    for (const grad of await page.locator('[data-testid^="edge-labels-"]:not([data-constant]) [data-testid^="edge-grad-"]').all()) await expect(grad).toHaveText(/^∂ /);

    if (file === '01-apple.json') {
      await expect(edgeValue(page, { node: 'mul_tax', port: 'out' }, { node: 'total', port: 'x' })).toHaveText('220');
    }
  });
}
