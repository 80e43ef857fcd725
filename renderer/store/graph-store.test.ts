import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Api, MnistBatchResponse } from '../../app/api/contract';
import type { MnistBatchRequest } from '../../app/ops/op';
import { scalarValue, type Tensor } from '../../app/tensor/tensor';
import { errorText } from '../format/status-text';
import { initI18n } from '../i18n';
import { createGraphStore } from './graph-store';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');
/** The error line as the page shows it, in English and in Chinese. */
const shown = (error: Parameters<typeof errorText>[1] | null) => (error === null ? null : [errorText(en, error), errorText(zh, error)]);

const appleText = readFileSync(new URL('../../assets/examples/01-apple.json', import.meta.url), 'utf8');

/** The renderer only sees MNIST through the Api; here a tiny deterministic batch stands in for the host. */
function fakeMnistApi(log: MnistBatchRequest[] = []): Pick<Api, 'mnistBatch'> {
  return {
    async mnistBatch(request): Promise<MnistBatchResponse> {
      log.push(request);
      const n = request.indices?.length ?? request.batchSize;
      const x = Array.from({ length: n * 784 }, (_, i) => ((i * 7) % 13) / 13);
      const labels = Array.from({ length: n }, (_, i) => i % 10);
      const t = labels.flatMap((l) => Array.from({ length: 10 }, (_, c) => (c === l ? 1 : 0)));
      return { x: { shape: [n, 784], data: x }, t: { shape: [n, 10], data: t }, labels, indices: labels };
    },
  };
}

function appleStore() {
  const store = createGraphStore({ api: fakeMnistApi() });
  expect(store.getState().loadText(appleText, { name: '01-apple.json', path: '/examples/01-apple.json' })).toBe(true);
  return store;
}

const num = (t: Tensor | undefined) => (t ? scalarValue(t) : undefined);

describe('graph store: stepping the apple example', () => {
  it('steps forward node by node to 200 then 220, and backward to 1.1, 2.2, 110 and 200', async () => {
    const store = appleStore();
    const s = () => store.getState();
    expect(s().plan.errors).toEqual([]);
    for (let i = 0; i < 4; i++) await s().stepForward();
    expect(num(s().run.edgeValues.get('e3'))).toBe(200);
    expect(s().run.edgeValues.get('e5')).toBeUndefined();
    await s().stepForward();
    expect(num(s().run.edgeValues.get('e5'))).toBeCloseTo(220, 10);
    expect(s().run.currentNodeId).toBe('mul_tax');
    await s().runForward();
    await s().runBackward();
    expect(s().error).toBeNull();
    expect(num(s().run.edgeGrads.get('e3'))).toBeCloseTo(1.1, 12);
    expect(num(s().run.edgeGrads.get('e1'))).toBeCloseTo(2.2, 12);
    expect(num(s().run.edgeGrads.get('e2'))).toBeCloseTo(110, 10);
    expect(num(s().run.edgeGrads.get('e4'))).toBeCloseTo(200, 10);
    expect(s().status).not.toBe('');
  });

  it('refuses to step backward before the forward pass is complete, with a message', async () => {
    const store = appleStore();
    await store.getState().stepForward();
    await store.getState().stepBackward();
    expect(shown(store.getState().error)).toEqual(['Finish the forward pass first: 1 of 6 nodes have run forward.', '请先完成正向传播：6 个节点中只有 1 个完成了正向传播。']);
  });

  it('keeps upstream values and clears downstream ones when a param changes', async () => {
    const store = appleStore();
    await store.getState().runForward();
    store.getState().updateParam('tax', 'value', 1.08);
    await new Promise((r) => setTimeout(r, 0));
    const run = store.getState().run;
    expect(num(run.edgeValues.get('e3'))).toBe(200);
    expect(run.edgeValues.get('e5')).toBeUndefined();
    await store.getState().runForward();
    expect(num(store.getState().run.edgeValues.get('e5'))).toBeCloseTo(216, 10);
  });
});

describe('graph store: editing', () => {
  it('refuses a connection into an occupied input and one that makes a cycle', () => {
    const store = appleStore();
    expect(store.getState().connect({ source: 'tax', sourceHandle: 'out', target: 'mul_apple', targetHandle: 'x' })).toBe(false);
    expect(shown(store.getState().error)).toEqual([
      'Input x of apple price × count is already fed by apple price; delete that edge first.',
      '苹果单价 × 个数 的输入 x 已经连着 苹果单价；请先删除那条边。',
    ]);
    const add = store.getState().addNode('Add', { x: 0, y: 0 })!;
    expect(store.getState().connect({ source: 'mul_tax', sourceHandle: 'out', target: add, targetHandle: 'x' })).toBe(true);
    expect(store.getState().connect({ source: add, sourceHandle: 'out', target: 'mul_apple', targetHandle: 'x' })).toBe(false);
    expect(store.getState().connect({ source: add, sourceHandle: 'out', target: 'mul_tax', targetHandle: 'x' })).toBe(false);
    expect(shown(store.getState().error)?.[0]).toMatch(/cycle|already fed/);
  });

  it('undoes and redoes adding a node, and marks the document dirty', () => {
    const store = appleStore();
    expect(store.getState().dirty).toBe(false);
    const id = store.getState().addNode('Mul', { x: 10, y: 10 })!;
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().nodes.map((n) => n.id)).toContain(id);
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.id)).not.toContain(id);
    store.getState().redo();
    expect(store.getState().nodes.map((n) => n.id)).toContain(id);
  });

  it('deletes the selected node with its edges, and the plan then reports the unconnected input', () => {
    const store = appleStore();
    store.getState().select('tax');
    store.getState().deleteSelected();
    expect(store.getState().nodes.some((n) => n.id === 'tax')).toBe(false);
    expect(store.getState().edges.some((e) => e.id === 'e4')).toBe(false);
    expect(store.getState().plan.errors.some((e) => e.nodeId === 'mul_tax')).toBe(true);
  });

  it('copies and pastes the selection with fresh ids and the edges between the copied nodes', () => {
    const store = appleStore();
    store.setState({ nodes: store.getState().nodes.map((n) => ({ ...n, selected: n.id === 'apple' || n.id === 'mul_apple' })) });
    store.getState().copy();
    store.getState().paste();
    const s = store.getState();
    expect(s.nodes).toHaveLength(8);
    const pasted = s.nodes.filter((n) => n.selected);
    expect(pasted.map((n) => n.data.kind).sort()).toEqual(['Mul', 'Scalar']);
    expect(pasted.every((n) => !['apple', 'mul_apple'].includes(n.id))).toBe(true);
    const ids = new Set(pasted.map((n) => n.id));
    expect(s.edges.filter((e) => ids.has(e.source) && ids.has(e.target))).toHaveLength(1);
  });

  it('select all selects every node and edge', () => {
    const store = appleStore();
    store.getState().selectAll();
    expect(store.getState().nodes.every((n) => n.selected)).toBe(true);
    expect(store.getState().edges.every((e) => e.selected)).toBe(true);
  });
});

describe('graph store: files', () => {
  it('leaves the canvas untouched and explains why when a file is bad', () => {
    const store = appleStore();
    const before = store.getState().nodes;
    expect(store.getState().loadText('{"format": "backprop-studio-graph", "version": 99, "nodes": [], "edges": []}', { name: 'future.json', path: null })).toBe(false);
    expect(shown(store.getState().error)).toEqual([
      'The file future.json could not be opened: the file was created by a newer version of Backprop Studio (file version 99, this app reads up to 1).',
      '无法打开文件 future.json：这个文件由更新版本的 Backprop Studio 创建（文件版本 99，本程序最多只能读取版本 1）。',
    ]);
    expect(store.getState().nodes).toBe(before);
    expect(store.getState().loadText('not json', { name: 'x.json', path: null })).toBe(false);
    expect(shown(store.getState().error)).toEqual(['The file x.json could not be opened: the file is not valid JSON.', '无法打开文件 x.json：这个文件不是有效的 JSON。']);
    // A dangling edge: compile's structure problem, in Chinese too.
    const dangling = { format: 'backprop-studio-graph', version: 1, name: 'x', nodes: [], edges: [{ id: 'e1', source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'x' }] };
    expect(store.getState().loadText(JSON.stringify(dangling), { name: 'd.json', path: null })).toBe(false);
    expect(shown(store.getState().error)?.[1]).toBe('无法打开文件 d.json：边 e1 连到了节点 a，但这个节点不存在。');
  });

  it('round-trips the document and starts clean after New', () => {
    const store = appleStore();
    const doc = store.getState().toDocument();
    expect(doc.nodes.map((n) => n.id)).toEqual(['apple', 'apple_count', 'tax', 'mul_apple', 'mul_tax', 'total']);
    expect(doc.edges.find((e) => e.id === 'e4')).toEqual({ id: 'e4', source: 'tax', sourceHandle: 'out', target: 'mul_tax', targetHandle: 'y' });
    expect(store.getState().name).toBe('Buying apples');
    store.getState().newDocument();
    expect(store.getState().nodes).toEqual([]);
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().path).toBeNull();
  });
});

describe('graph store: MNIST batches', () => {
  it('fetches each MnistBatch node’s batch through the Api before running', async () => {
    const log: MnistBatchRequest[] = [];
    const store = createGraphStore({ api: fakeMnistApi(log) });
    const mnist = store.getState().addNode('MnistBatch', { x: 0, y: 0 })!;
    store.getState().updateParam(mnist, 'batchSize', 3);
    const out = store.getState().addNode('Output', { x: 300, y: 0 })!;
    expect(store.getState().connect({ source: mnist, sourceHandle: 'x', target: out, targetHandle: 'x' })).toBe(true);
    await store.getState().runForward();
    expect(store.getState().error).toBeNull();
    expect(log).toEqual([{ split: 'train', batchSize: 3, seed: 0 }]);
    const edge = store.getState().edges[0];
    expect(store.getState().run.edgeValues.get(edge.id)!.shape).toEqual([3, 784]);
  });
});

describe('graph store: run backward', () => {
  it('finishes a partial forward pass before running backward', async () => {
    const store = appleStore();
    await store.getState().stepForward();
    await store.getState().runBackward();
    expect(store.getState().error).toBeNull();
    expect(num(store.getState().run.edgeGrads.get('e4'))).toBeCloseTo(200, 10);
  });
});

describe('graph store: a graph that cannot run', () => {
  it('says which node is wrong and why instead of stepping', async () => {
    const store = appleStore();
    store.getState().select('tax');
    store.getState().deleteSelected();
    await store.getState().stepForward();
    expect(shown(store.getState().error)).toEqual(['The graph cannot run: Multiply node “× tax”: input y is not connected.', '计算图无法运行：乘法节点“× 消费税”：输入 y 没有连接。']);
    expect(store.getState().executor).toBeNull();
  });
});
