import { dropFromPalette, errorMessage, openFileThroughInput } from './canvas-helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir, expect, test } from './fixtures';

// A compile problem reads in the UI language on the node and in the inspector (the errors catalog).
test.describe('problems in Chinese', () => {
  test.use({ uiLanguage: 'zh-CN' });

  test('an unconnected Mul says so in Chinese on its node', async ({ page }) => {
    const id = await dropFromPalette(page, 'Mul', { x: 300, y: 200 });
    const node = page.getByTestId(`node-${id}`);
    await expect(node).toContainText('输入 x 没有连接');
    await node.click();
    await expect(page.getByTestId('inspector')).toContainText('输入 y 没有连接');
    await page.screenshot({ path: test.info().outputPath('problem-zh-CN.png') });
  });
});

test.describe('a shape error in Chinese', () => {
  test.use({ uiLanguage: 'zh-CN' });

  test('the node, the error line after a step and the problems list say it in Chinese', async ({ page }) => {
    const graph = {
      format: 'backprop-studio-graph',
      version: 1,
      name: 'shapes',
      nodes: [
        { id: 'a', kind: 'Tensor', position: { x: 0, y: 0 }, params: { value: [[1, 2, 3], [4, 5, 6]] } },
        { id: 'b', kind: 'Tensor', position: { x: 0, y: 200 }, params: { value: [1, 2, 3, 4] } },
        { id: 'm', kind: 'Mul', position: { x: 300, y: 100 }, params: {} },
        { id: 'out', kind: 'Output', position: { x: 600, y: 100 }, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'a', sourceHandle: 'out', target: 'm', targetHandle: 'x' },
        { id: 'e2', source: 'b', sourceHandle: 'out', target: 'm', targetHandle: 'y' },
        { id: 'e3', source: 'm', sourceHandle: 'out', target: 'out', targetHandle: 'x' },
      ],
    };
    await openFileThroughInput(page, { name: 'shapes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
    const said = '形状 2×3 和 4 无法逐元素相配';
    await expect(page.getByTestId('node-m')).toContainText(said);
    await page.getByTestId('step-forward').click();
    await expect(errorMessage(page)).toContainText(`计算图无法运行：乘法节点 m：${said}`);
    await expect(errorMessage(page)).not.toContainText(/cannot|combine|use equal/);
    await page.getByTestId('problems-button').click();
    await expect(page.getByTestId('problems-list')).toContainText(`乘法节点 m：${said}`);
    await expect(page.getByTestId('problems-list')).not.toContainText('Mul');
    await page.getByTestId('gradcheck-button').click();
    await expect(page.getByTestId('gradcheck-error')).toContainText(`无法进行梯度确认：乘法节点 m：${said}`);
    await page.screenshot({ path: test.info().outputPath('shape-error-zh-CN.png') });
  });

  test('the problems list names each node as the canvas titles it, in Chinese', async ({ page }) => {
    const graph = {
      format: 'backprop-studio-graph',
      version: 1,
      name: 'unfinished',
      nodes: [
        { id: 'apple', kind: 'Scalar', label: 'apple price', position: { x: 0, y: 0 }, params: { value: 100 } },
        { id: 'mul_tax', kind: 'Mul', label: '× tax', position: { x: 300, y: 0 }, params: {} },
        { id: 'a', kind: 'Add', position: { x: 300, y: 200 }, params: {} },
        { id: 'out', kind: 'Output', position: { x: 600, y: 0 }, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'apple', sourceHandle: 'out', target: 'mul_tax', targetHandle: 'x' },
        { id: 'e2', source: 'mul_tax', sourceHandle: 'out', target: 'out', targetHandle: 'x' },
      ],
    };
    await openFileThroughInput(page, { name: 'unfinished.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
    await page.getByTestId('problems-button').click();
    const items = page.getByTestId('problems-list').locator('li');
    await expect(items).toHaveText(['乘法节点“× 消费税”：输入 y 没有连接', '加法节点 a：输入 x 没有连接', '加法节点 a：输入 y 没有连接']);
    await page.screenshot({ path: test.info().outputPath('problems-list-zh-CN.png') });
  });

  test('training a canvas graph with a problem is refused in Chinese before a run starts', async ({ page }) => {
    const net = JSON.parse(readFileSync(join(examplesDir, '09-two-layer-net.json'), 'utf8'));
    net.edges = net.edges.filter((e: { target: string; targetHandle: string }) => !(e.target === 'loss' && e.targetHandle === 't'));
    await openFileThroughInput(page, { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(net)) });
    await page.getByTestId('view-training').click();
    await page.getByTestId('train-option-canvas').check();
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('training-workspace')).toContainText('这个计算图无法训练：Softmax-with-Loss节点 loss：输入 t 没有连接');
    await expect(page.getByTestId('training-workspace')).not.toContainText('cannot be trained');
    await page.screenshot({ path: test.info().outputPath('train-refused-zh-CN.png') });
  });

  test('a file that cannot be opened says why in Chinese', async ({ page }) => {
    const newer = { format: 'backprop-studio-graph', version: 99, name: 'x', nodes: [], edges: [] };
    await openFileThroughInput(page, { name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(newer)) });
    await expect(errorMessage(page)).toHaveText('无法打开文件 newer.json：这个文件由更新版本的 Backprop Studio 创建（文件版本 99，本程序最多只能读取版本 1）。');
  });
});
