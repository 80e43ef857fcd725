import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { createGraphStore } from '../store/graph-store';
import { initI18n } from '../i18n';
import { statusText } from './status-text';

const appleText = readFileSync(new URL('../../assets/examples/01-apple.json', import.meta.url), 'utf8');
const noMnist = { mnistBatch: () => Promise.reject(new Error('the apple example reads no MNIST')) };

initI18n('en');
const en = i18next.getFixedT('en');
const zh = i18next.getFixedT('zh-CN');

/** The apple example on the real store; `both()` is the current status in English and in Chinese. */
function apple() {
  const store = createGraphStore({ api: noMnist });
  store.getState().loadText(appleText, { name: '01-apple.json', path: null });
  const s = () => store.getState();
  const both = () => [statusText(en, s().status), statusText(zh, s().status)];
  return { s, both };
}

describe('the status line, published as a key and values and written in the UI language', () => {
  it('names the step, the op in the UI language and its numbers', async () => {
    const { s, both } = apple();
    expect(both()).toEqual(['Opened Buying apples', '已打开 买苹果']);
    await s().stepForward();
    expect(both()).toEqual(['forward: Scalar → 100', '正向传播：标量 → 100']);
    await s().runForward();
    expect(both()).toEqual(['The forward pass is done', '正向传播完成']);
    await s().runBackward();
    expect(both()).toEqual(['The backward pass is done', '反向传播完成']);
    s().reset();
    await s().runForward();
    await s().stepBackward();
    const [english, chinese] = both();
    expect(english).toMatch(/^backward: Output → /);
    expect(chinese).toMatch(/^反向传播：输出 → /);
  });

  it('writes every edit in Chinese after switching language, with no English left', async () => {
    const { s, both } = apple();
    const id = s().addNode('Mul', { x: 0, y: 0 })!;
    expect(both()).toEqual(['Added a node: Multiply', '已添加节点：乘法']);
    s().copy();
    expect(both()).toEqual(['Copied 1 node', '已复制 1 个节点']);
    s().paste();
    expect(both()).toEqual(['Pasted 1 node', '已粘贴 1 个节点']);
    s().deleteNodes([id, s().nodes.at(-1)!.id]);
    expect(both()).toEqual(['Deleted 2 nodes', '已删除 2 个节点']);
    s().undo();
    expect(both()).toEqual(['Undone', '已撤销']);
    s().updateLabel(id, 'my product');
    s().connect({ source: 'apple', sourceHandle: 'out', target: id, targetHandle: 'x' });
    expect(both()).toEqual(['Connected apple price to input x of my product', '已把 苹果单价 连接到 my product 的输入 x']);
    s().newDocument();
    expect(both()).toEqual(['New graph', '新的计算图']);
    s().loadDocument({ ...s().toDocument(), name: 'Untitled' }, null);
    expect(both()).toEqual(['Opened Untitled', '已打开 未命名']);

    await i18next.changeLanguage('zh-CN');
    try {
      expect(statusText(i18next.t, s().status)).toBe('已打开 未命名');
    } finally {
      await i18next.changeLanguage('en');
    }
  });

  it('sizes a large tensor in words of the UI language', async () => {
    const store = createGraphStore({ api: noMnist });
    store.getState().addNode('Tensor', { x: 0, y: 0 });
    const id = store.getState().nodes[0].id;
    store.getState().updateParam(id, 'value', [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    const output = store.getState().addNode('Output', { x: 200, y: 0 })!;
    store.getState().connect({ source: id, sourceHandle: 'out', target: output, targetHandle: 'x' });
    await store.getState().stepForward();
    expect(store.getState().error).toBeNull();
    expect(statusText(en, store.getState().status)).toBe('forward: Tensor → a 2×4 tensor');
    expect(statusText(zh, store.getState().status)).toBe('正向传播：张量 → 形状为 2×4 的张量');
  });
});
