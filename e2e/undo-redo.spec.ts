import { connect, dropFromPalette, edgeValue, nodeIds, setParam } from './canvas-helpers';
import { expect, test } from './fixtures';

test('undo and redo step through adding nodes, connecting them and editing a value', async ({ page }) => {
  const a = await dropFromPalette(page, 'Scalar', { x: 100, y: 100 });
  const out = await dropFromPalette(page, 'Output', { x: 400, y: 100 });
  await connect(page, { node: a, port: 'out' }, { node: out, port: 'x' });
  await setParam(page, a, 'value', '7');
  const edge = edgeValue(page, { node: a, port: 'out' }, { node: out, port: 'x' });
  await page.getByTestId('run-forward').click();
  await expect(edge).toHaveText('7');

  // Undo the edit: the value goes back to the Scalar's default.
  await page.getByTestId('undo').click();
  await page.getByTestId('run-forward').click();
  await expect(edge).not.toHaveText('7');

  await page.getByTestId('undo').click();
  await expect(edge).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect.poll(() => nodeIds(page)).toEqual([a]);

  // Redo brings back the Output, the edge and the edit, in order; the keyboard works too.
  await page.getByTestId('redo').click();
  await expect.poll(() => nodeIds(page)).toEqual([a, out].sort());
  await page.getByTestId('canvas').click({ position: { x: 600, y: 500 } });
  await page.keyboard.press('Control+Shift+Z');
  await expect(edge).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await page.getByTestId('run-forward').click();
  await expect(edge).toHaveText('7');
  await expect(page.getByTestId('redo')).toBeDisabled();
});
