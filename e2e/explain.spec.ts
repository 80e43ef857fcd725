import type { Page } from '@playwright/test';
import { edgeGrad, nodeIds, openExample, openFileThroughInput, runBackward } from './canvas-helpers';
import { expect, test } from './fixtures';
import { nodeBoxes, overlaps } from './layout-helpers';

// Issue 11: every gradient explained by the chain rule with the numbers, composites opened and
// closed, readable labels, the step timeline, numeric warnings, the gradient check, the problem list.

type NodeSpec = [id: string, kind: string, params?: Record<string, unknown>, label?: string];

async function openGraph(page: Page, name: string, nodes: NodeSpec[], edges: string[]) {
  const document = {
    format: 'backprop-studio-graph',
    version: 1,
    name,
    nodes: nodes.map(([id, kind, params, label], i) => ({ id, kind, ...(label ? { label } : {}), position: { x: i * 200, y: (i % 2) * 140 }, params: params ?? {} })),
    edges: edges.map((text, i) => {
      const [from, to] = text.split('->').map((s) => s.trim());
      const [source, sourceHandle] = from.split('.');
      const [target, targetHandle] = to.split('.');
      return { id: `e${i + 1}`, source, sourceHandle, target, targetHandle };
    }),
  };
  await openFileThroughInput(page, { name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) });
  await expect.poll(() => nodeIds(page)).toHaveLength(nodes.length);
}

/** Selects an edge's labels and presses E, as a learner asks "why this gradient?". */
async function explainEdge(page: Page, edgeId: string) {
  await page.getByTestId(`edge-grad-${edgeId}`).hover();
  await page.keyboard.press('e');
  await expect(page.getByTestId('explain-panel')).toHaveAttribute('data-edge', edgeId);
}

test('the apple example: each of the four gradients is the product of the local derivatives on its path', async ({ page }) => {
  await openExample(page, '01-apple.json');
  await runBackward(page);
  const expected: Record<string, string> = { e1: '1 × 1.1 × 2 = 2.2', e2: '1 × 1.1 × 100 = 110', e3: '1 × 1.1 = 1.1', e4: '1 × 200 = 200' };
  for (const [edgeId, product] of Object.entries(expected)) {
    await explainEdge(page, edgeId);
    await expect(page.getByTestId('explain-panel')).toContainText(product);
    await expect(page.getByTestId('explain-path-1')).toBeVisible();
    await expect(page.getByTestId('explain-path-2')).toHaveCount(0);
  }
  // Hovering the path lights its edges on the canvas.
  await explainEdge(page, 'e1');
  await page.getByTestId('explain-path-1').hover();
  await expect(page.locator('.value-edge.highlighted')).toHaveCount(3);
});

test('a fan-out graph: the edge into a value used twice is explained as a sum over two paths', async ({ page }) => {
  // a = 2x is read by a × 5 and by + a: ∂L/∂(x edge) = 1 × 1 × 2 + 1 × 1 × 5 × 2 = 12.
  await openGraph(
    page,
    'fan-out',
    [['x', 'Scalar', { value: 3 }, 'x'], ['two', 'Scalar', { value: 2 }], ['a', 'Mul', {}, 'a'], ['five', 'Scalar', { value: 5 }], ['m', 'Mul', {}, 'm'], ['s', 'Add', {}, 's'], ['L', 'Output', { grad: 1 }, 'L']],
    ['x.out -> a.x', 'two.out -> a.y', 'a.out -> m.x', 'five.out -> m.y', 'm.out -> s.x', 'a.out -> s.y', 's.out -> L.x'],
  );
  await runBackward(page);
  await expect(edgeGrad(page, { node: 'x', port: 'out' }, { node: 'a', port: 'x' })).toHaveText('∂ 12');
  await explainEdge(page, 'e1');
  await expect(page.getByTestId('explain-path-1')).toContainText('1 × 1 × 5 × 2 = 10');
  await expect(page.getByTestId('explain-path-2')).toContainText('1 × 1 × 2 = 2');
  await expect(page.getByTestId('explain-sum')).toContainText('10 + 2 = 12');
  await page.getByTestId('explain-path-2').hover();
  await expect(page.locator('.value-edge.highlighted')).toHaveCount(3);
});

test('Sigmoid expanded into × (−1), exp, + 1, 1/x and collapsed again keeps its values and gradients', async ({ page }) => {
  await openExample(page, '06-sigmoid-decomposed.json');
  // The same value and gradient, whether Sigmoid is one node or the chapter's four steps.
  const runAndExpectSigmoidNumbers = async () => {
    await runBackward(page);
    await expect(page.getByTestId('edge-value-e2')).toHaveText('0.731059');
    await expect(page.getByTestId('edge-grad-e1')).toHaveText('∂ 0.196612');
  };
  await runAndExpectSigmoidNumbers();

  await page.getByTestId('node-sigmoid').click({ button: 'right' });
  await page.getByTestId('node-menu-expand').click();
  await expect(page.getByTestId('node-sigmoid__reciprocal')).toBeVisible();
  await expect(page.getByTestId('node-sigmoid')).toHaveCount(0);
  await runAndExpectSigmoidNumbers();

  await page.getByTestId('node-sigmoid__exp').click({ button: 'right' });
  await page.getByTestId('node-menu-collapse').click();
  await expect(page.getByTestId('node-sigmoid')).toBeVisible();
  await expect(page.getByTestId('node-sigmoid__exp')).toHaveCount(0);
  await runAndExpectSigmoidNumbers();
  // Each was one undo step.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-sigmoid__exp')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-sigmoid')).toBeVisible();
});

test('Sigmoid expanded lays its steps out side by side: no node covers another and every edge runs left to right', async ({ page }) => {
  await openExample(page, '06-sigmoid-decomposed.json');
  await page.getByTestId('node-sigmoid').click({ button: 'right' });
  await page.getByTestId('node-menu-expand').click();
  await expect(page.getByTestId('node-sigmoid__reciprocal')).toBeVisible();
  await runBackward(page);
  const nodes = await nodeBoxes(page);
  expect(nodes.filter((n) => n.name.startsWith('node-sigmoid__'))).toHaveLength(6);
  expect(overlaps(nodes)).toEqual([]);
  const byId = new Map(nodes.map((n) => [n.name.slice('node-'.length), n]));
  const backwards: string[] = [];
  for (const edge of await page.locator('[data-testid^="edge-value-"]').evaluateAll((els) => els.map((el) => ({ source: el.getAttribute('data-source')!, target: el.getAttribute('data-target')! })))) {
    if (!edge.source.startsWith('sigmoid__') && !edge.target.startsWith('sigmoid__')) continue;
    if (byId.get(edge.source)!.right >= byId.get(edge.target)!.x) backwards.push(`${edge.source} → ${edge.target}`);
  }
  expect(backwards).toEqual([]);
});

test('the two-layer net opens at a readable zoom: an edge label is at least 10 CSS px tall on screen', async ({ page }) => {
  await openExample(page, '09-two-layer-net.json');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-forward')).toBeEnabled({ timeout: 60_000 });
  const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  expect(zoom).toBeGreaterThanOrEqual(0.75);
  const label = page.locator('[data-testid^="edge-value-"]:not(.empty)').first();
  const box = await label.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(10);
  test.info().annotations.push({ type: 'measured', description: `zoom ${zoom.toFixed(3)}, label height ${box!.height.toFixed(1)} px` });
  // A tensor too big to print in full shows its shape and range, explained by the legend.
  await expect(page.getByTestId('tensor-legend')).toBeVisible();
  await expect(page.locator('[data-testid^="edge-value-"]', { hasText: '3×784 [' })).toHaveCount(1);
});

test('rewinding a step returns exactly the labels the canvas showed before it, forward and backward', async ({ page }) => {
  await openExample(page, '01-apple.json');
  const labels = () => page.locator('.edge-value, .edge-grad').allTextContents();
  const timeline = page.getByTestId('step-timeline');
  // A step is done when the timeline has moved (the button stays enabled throughout, so waiting for
  // it let a busy machine read the labels before React had drawn the step).
  const moveTo = async (action: () => Promise<void>, position: number) => {
    await action();
    await expect(timeline).toHaveAttribute('data-position', String(position));
  };
  const step = (id: string, position: number) => moveTo(() => page.getByTestId(id).click(), position);
  for (let i = 1; i <= 4; i++) await step('step-forward', i);
  const afterFour = await labels();
  await step('step-forward', 5);
  await expect.poll(labels).not.toEqual(afterFour);
  await step('rewind-step', 4);
  await expect.poll(labels).toEqual(afterFour);

  for (let i = 5; i <= 6; i++) await step('step-forward', i);
  // Backward: Output, × tax, then × count sends ∂ to apple price and count.
  for (let i = 7; i <= 8; i++) await step('step-backward', i);
  const afterTwoBack = await labels();
  await step('step-backward', 9);
  await expect.poll(labels).not.toEqual(afterTwoBack);
  await moveTo(() => page.keyboard.press('F9'), 8);
  await expect.poll(labels).toEqual(afterTwoBack);
  // The scrubber jumps anywhere: back to the start, then to the end.
  await page.getByTestId('timeline-step-0').click();
  await expect(page.getByTestId('step-timeline')).toHaveAttribute('data-position', '0');
  await page.getByTestId('timeline-step-12').click();
  await expect(page.getByTestId('edge-grad-e1')).toHaveText('∂ 2.2');
});

test('1e308 × 2 overflows: the edge and node are marked and the status bar says where', async ({ page }) => {
  await openGraph(page, 'overflow', [['big', 'Scalar', { value: 1e308 }], ['two', 'Scalar', { value: 2 }], ['double', 'Mul', {}, '×2'], ['y', 'Output']], ['big.out -> double.x', 'two.out -> double.y', 'double.out -> y.x']);
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('numeric-warning')).toContainText('overflow in Multiply node “×2”: 1e308 × 2');
  await expect(page.getByTestId('node-double')).toHaveClass(/numeric-bad/);
  await expect(page.getByTestId('edge-labels-e3')).toHaveClass(/numeric-bad/);
  await page.getByTestId('problems-button').click();
  await expect(page.getByTestId('problems-list')).toContainText('overflow in Multiply node “×2”: 1e308 × 2');
});

test('the gradient check runs in a worker and reads the chapter’s way; the problem list selects a node', async ({ page }) => {
  await openExample(page, '02-apple-orange.json');
  await page.getByTestId('gradcheck-button').click();
  await expect(page.getByTestId('gradcheck-result')).toBeVisible({ timeout: 60_000 });
  for (const id of ['apple', 'apple_count', 'orange', 'orange_count', 'tax']) {
    const row = page.getByTestId(`gradcheck-row-${id}`);
    expect(Number(await row.getAttribute('data-max-rel-error'))).toBeLessThan(1e-7);
    await expect(row).toContainText('backprop is right');
  }
  await page.getByTestId('gradcheck-close').click();

  await openGraph(page, 'broken', [['x', 'Scalar', { value: 1 }], ['m', 'Mul'], ['y', 'Output']], ['x.out -> m.x', 'm.out -> y.x']);
  await page.getByTestId('problems-button').click();
  const item = page.getByTestId('problems-list').locator('li').first();
  await expect(item).toContainText('y');
  await item.click();
  await expect(page.getByTestId('inspector')).toContainText('m');
});

test('Softmax-with-Loss shows y on the node, and y, t and (y − t)/N in the inspector; labels get no gradient by default', async ({ page }) => {
  await openExample(page, '08-softmax-with-loss.json');
  await runBackward(page);
  await expect(page.getByTestId('node-softmax-y-loss')).toContainText('y = (0.3, 0.2, 0.5)');
  await page.getByTestId('node-loss').click();
  await expect(page.getByTestId('swl-grad')).toContainText('−0.8');
  await expect(page.getByTestId('edge-labels-e2')).toHaveAttribute('data-constant', 'true');
  await expect(page.getByTestId('edge-grad-e2')).toHaveText('');
  await page.getByTestId('show-constant-gradients').check();
  await expect(page.getByTestId('edge-grad-e2')).toHaveText(/^∂ /);
  await page.getByTestId('show-constant-gradients').uncheck();
});
