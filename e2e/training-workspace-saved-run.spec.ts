import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nodeIds, openFileThroughInput } from './canvas-helpers';
import { expect, test } from './fixtures';
import { drawStroke, openTrainingWorkspace, padProbabilities, trainRun, verticalStroke } from './training-helpers';

interface SavedGraph {
  nodes: { id: string; kind: string }[];
  tensors?: Record<string, { shape: number[]; dtype: string; data: string }>;
}

/** The float32 values of a stored tensor (little-endian bytes in base64, as the graph file keeps them). */
function values(tensor: { data: string }): Float32Array {
  const bytes = Buffer.from(tensor.data, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

// A run kept for later: saved as a graph file with its weights, opened again in a fresh page, and
// evaluated (trained one step at a learning rate too small to move a float32 weight) — the same net.
test('a saved run reopens with its weights: the same test accuracy and the same prediction on the same drawing', async ({ page, workspace, mode }) => {
  test.skip(mode !== 'browser', 'the run is saved through the workspace Save As dialog of browser mode');
  test.setTimeout(300_000);
  const savedPath = join(workspace, 'saved run.json');
  rmSync(savedPath, { force: true });

  await openTrainingWorkspace(page);
  await trainRun(page, { iterations: 600 });
  const resultLine = (await page.getByTestId('train-result').textContent()) ?? '';
  const accuracy = /test accuracy ([0-9.]+)/.exec(resultLine)?.[1];
  expect(accuracy, resultLine).toBeDefined();
  await drawStroke(page, verticalStroke);
  await expect(page.getByTestId('digit-prediction')).toHaveText('1');
  const before = await padProbabilities(page);

  await page.getByTestId('run-save-1').click();
  await expect(page.getByTestId('save-as-dialog')).toBeVisible();
  await expect(page.getByTestId('save-as-folder')).toHaveText(workspace);
  await page.getByTestId('save-as-name').fill('saved run');
  await page.getByTestId('save-as-confirm').click();
  await expect(page.getByTestId('save-as-dialog')).toHaveCount(0);
  await expect.poll(() => existsSync(savedPath), { message: `${savedPath} should be written` }).toBe(true);

  // On disk: the chapter's graph with its four trained tensors, finite and far from the 0.01-std start.
  const saved = JSON.parse(readFileSync(savedPath, 'utf8')) as SavedGraph;
  expect(Object.keys(saved.tensors ?? {}).sort()).toEqual(['W1', 'W2', 'b1', 'b2']);
  expect(saved.tensors!.W1.shape).toEqual([784, 50]);
  const w1 = values(saved.tensors!.W1);
  expect(w1).toHaveLength(784 * 50);
  expect(w1.every(Number.isFinite)).toBe(true);
  expect(Math.max(...w1.map(Math.abs))).toBeGreaterThan(0.1);

  // Later: a fresh page (no runs in the session), the file opened on the canvas and trained on.
  await page.reload();
  await page.getByTestId('view-canvas').click();
  await openFileThroughInput(page, savedPath);
  await expect.poll(() => nodeIds(page)).toEqual(saved.nodes.map((n) => n.id).sort());
  await openTrainingWorkspace(page);
  await expect(page.getByTestId('runs-list')).toHaveCount(0);
  await page.getByTestId('train-option-canvas').check();
  await page.getByTestId('train-option-lr').fill('1e-9');
  await trainRun(page, { iterations: 1 });

  // Its first loss is a trained net's (chance is ln 10 ≈ 2.3), and it measures what the saved run measured.
  await expect(page.getByTestId('train-result')).toContainText(`test accuracy ${accuracy}`);
  await drawStroke(page, verticalStroke);
  await expect(page.getByTestId('digit-prediction')).toHaveText('1');
  const after = await padProbabilities(page);
  after.forEach((p, d) => expect(Math.abs(p - before[d])).toBeLessThan(1e-6));
  const status = (await page.getByTestId('train-status').textContent()) ?? '';
  const loss = Number(/Loss ([0-9.]+)/i.exec(status)?.[1]);
  expect(loss, status).toBeLessThan(1);
});
