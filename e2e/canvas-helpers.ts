import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

// What a learner does with the mouse and keyboard, written against the renderer's data-testid hooks.

export async function nodeIds(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="node-"][data-kind]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('node-'.length)));
  return ids.sort();
}

/** Drags a kind from the palette onto the canvas at (x, y) inside it; returns the new node's id. */
export async function dropFromPalette(page: Page, kind: string, at: { x: number; y: number }): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.getByTestId(`palette-item-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: at });
  let added: string[] = [];
  await expect
    .poll(async () => {
      added = (await nodeIds(page)).filter((id) => !before.has(id));
      return added.length;
    }, { message: `dropping ${kind} onto the canvas should add one node` })
    .toBe(1);
  return added[0];
}

export function handle(page: Page, nodeId: string, type: 'source' | 'target', port: string): Locator {
  return page.locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle.${type}[data-handleid="${port}"]`);
}

/** Drags from an output handle to an input handle, as a user connects two nodes. */
export async function connect(page: Page, from: { node: string; port: string }, to: { node: string; port: string }): Promise<void> {
  const source = await handle(page, from.node, 'source', from.port).boundingBox();
  const target = await handle(page, to.node, 'target', to.port).boundingBox();
  if (!source || !target) throw new Error(`cannot find the handles ${from.node}.${from.port} → ${to.node}.${to.port}`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(edgeValue(page, from, to)).toHaveCount(1);
}

/** Selects a node and commits a parameter in the inspector (Enter commits). */
export async function setParam(page: Page, nodeId: string, name: string, value: string): Promise<void> {
  await page.getByTestId(`node-${nodeId}`).click();
  const field = page.getByTestId(`param-${name}`);
  await field.fill(value);
  await field.press('Enter');
}

const ends = (from: { node: string; port: string }, to: { node: string; port: string }) =>
  `[data-source="${from.node}"][data-source-handle="${from.port}"][data-target="${to.node}"][data-target-handle="${to.port}"]`;

export function edgeValue(page: Page, from: { node: string; port: string }, to: { node: string; port: string }): Locator {
  return page.locator(`[data-testid^="edge-value-"]${ends(from, to)}`);
}

export function edgeGrad(page: Page, from: { node: string; port: string }, to: { node: string; port: string }): Locator {
  return page.locator(`[data-testid^="edge-grad-"]${ends(from, to)}`);
}

/** Run backward (which runs forward first) and wait until the backward pass is done. */
export async function runBackward(page: Page): Promise<void> {
  await page.getByTestId('run-backward').click();
  await expect(page.getByTestId('run-backward')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('status-bar')).toContainText(/backward|反向/i);
}

export async function openExample(page: Page, file: string): Promise<void> {
  await page.getByTestId('examples-menu').click();
  await page.getByTestId(`example-${file}`).click();
}

/** Loads a file through the hidden file input, as Open does in browser mode. */
export async function openFileThroughInput(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByTestId('open-file-input').setInputFiles(file);
}

export const errorMessage = (page: Page): Locator => page.getByTestId('error-message');
