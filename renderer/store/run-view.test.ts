import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../app/graph/compile';
import { documentOf } from '../../app/graph/test-documents';
import { createGraphStore } from './graph-store';
import { errorsAt, portShape } from './plan-view';
import { NO_VALUES } from './run-view';

const appleText = readFileSync(new URL('../../assets/examples/01-apple.json', import.meta.url), 'utf8');
const noMnist = { mnistBatch: () => Promise.reject(new Error('no MNIST here')) };

describe('run view: what the canvas subscribes to', () => {
  it('is a new object after each step, and keeps the very tensor of an edge no step recomputed', async () => {
    const store = createGraphStore({ api: noMnist });
    store.getState().loadText(appleText, { name: '01-apple.json', path: null });
    expect(store.getState().run).toBe(NO_VALUES);
    for (let i = 0; i < 4; i++) await store.getState().stepForward();
    const before = store.getState().run;
    const e3 = before.edgeValues.get('e3');
    expect(e3?.data[0]).toBe(200);
    expect(before.edgeValues.has('e5')).toBe(false);
    await store.getState().stepForward();
    const after = store.getState().run;
    expect(after).not.toBe(before);
    expect(after.edgeValues.get('e3')).toBe(e3);
    expect(after.edgeValues.get('e5')?.data[0]).toBeCloseTo(220, 10);
    expect(after.currentNodeId).toBe('mul_tax');
    expect(after.forwardCount).toBe(5);
    await store.getState().runBackward();
    expect(store.getState().run.outputGrads.get('mul_apple')?.out.data[0]).toBeCloseTo(1.1, 12);
  });

  it('goes back to no values on an edit and on reset', async () => {
    const store = createGraphStore({ api: noMnist });
    store.getState().loadText(appleText, { name: '01-apple.json', path: null });
    await store.getState().runForward();
    expect(store.getState().run.edgeValues.size).toBeGreaterThan(0);
    store.getState().reset();
    expect(store.getState().run).toBe(NO_VALUES);
    expect(store.getState().executor).toBeNull();
    await store.getState().runForward();
    store.getState().updateLabel('tax', 'tax rate');
    expect(store.getState().run).toBe(NO_VALUES);
  });
});

describe('plan view', () => {
  it('shows a cycle’s error on every node of the cycle, and port shapes from inference', () => {
    const plan = compile(documentOf([['a', 'Add'], ['b', 'Add'], ['s', 'Scalar', { value: 1 }]], ['s.out -> a.y', 'a.out -> b.x', 'b.out -> a.x', 's.out -> b.y']));
    expect(errorsAt(plan, 'a').map((e) => e.message)).toEqual([expect.stringMatching(/cycle/)]);
    expect(errorsAt(plan, 'b').map((e) => e.message)).toEqual([expect.stringMatching(/cycle/)]);
    expect(errorsAt(plan, 's')).toEqual([]);
    const apple = compile(JSON.parse(appleText));
    expect(portShape(apple, 'mul_apple', 'out')).toEqual([]);
    expect(portShape(apple, 'mul_apple', 'nope')).toBeUndefined();
  });
});
