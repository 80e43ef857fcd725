import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../app/api/contract';
import { createGraphStore } from './graph-store';

const example = (file: string) => readFileSync(new URL(`../../assets/examples/${file}`, import.meta.url), 'utf8');
const noMnist: Pick<Api, 'mnistBatch'> = { mnistBatch: () => Promise.reject(new Error('no MNIST in this test')) };

function storeWith(file: string) {
  const store = createGraphStore({ api: noMnist });
  expect(store.getState().loadText(example(file), { name: file, path: null })).toBe(true);
  return store;
}

const labels = (store: ReturnType<typeof storeWith>) => {
  const { run } = store.getState();
  return JSON.stringify([[...run.edgeValues].map(([id, t]) => [id, Array.from(t.data)]), [...run.edgeGrads].map(([id, t]) => [id, Array.from(t.data)])]);
};

describe('the explain slice', () => {
  it('expands and collapses a Sigmoid, each as one undo step', () => {
    const store = storeWith('06-sigmoid-decomposed.json');
    const before = store.getState().toDocument();
    expect(store.getState().expandNode('sigmoid')).toBe(true);
    expect(store.getState().nodes.map((n) => n.id)).toContain('sigmoid__reciprocal');
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toHaveLength(6);
    expect(store.getState().collapseNode('sigmoid__exp')).toBe(true);
    expect(store.getState().toDocument().nodes.find((n) => n.id === 'sigmoid')).toMatchObject({ kind: 'Sigmoid' });
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.id)).toContain('sigmoid__exp');
    store.getState().undo();
    expect(store.getState().toDocument()).toEqual(before);
    expect(store.getState().expandNode('x')).toBe(false);
  });

  it('rewinds a step to exactly the values it showed before, and jumps along the timeline', async () => {
    const store = storeWith('01-apple.json');
    for (let i = 0; i < 3; i++) await store.getState().stepForward();
    const afterThree = labels(store);
    await store.getState().stepForward();
    expect(labels(store)).not.toBe(afterThree);
    await store.getState().rewindStep();
    expect(labels(store)).toBe(afterThree);
    await store.getState().jumpTo(12);
    expect(store.getState().run.edgeGrads.get('e1')!.data[0]).toBeCloseTo(2.2, 12);
    await store.getState().rewindStep();
    expect(store.getState().executor!.backwardCursor).toBe(5);
    await store.getState().jumpTo(0);
    expect(store.getState().run.edgeValues.size).toBe(0);
  });

  it('explains one edge at a time and selects it', () => {
    const store = storeWith('01-apple.json');
    store.getState().explain('e3');
    expect(store.getState().explainEdgeId).toBe('e3');
    expect(store.getState().edges.filter((e) => e.selected).map((e) => e.id)).toEqual(['e3']);
    store.getState().explain(null);
    expect(store.getState().explainEdgeId).toBeNull();
  });
});
