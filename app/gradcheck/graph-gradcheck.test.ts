import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { parseGraphDocument } from '../graph/parse';
import { documentOf } from '../graph/test-documents';
import { gradcheckGraph, sourcesToCheck } from './graph-gradcheck';

const example = (file: string) => {
  const parsed = parseGraphDocument(readFileSync(join(__dirname, '../../assets/examples', file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return compile(parsed.document);
};

describe('graph gradcheck', () => {
  it('checks every Scalar of the apple example against the numerical gradient', () => {
    const result = gradcheckGraph(example('02-apple-orange.json'));
    if (!result.ok) throw new Error(result.message);
    expect(result.objective).toBeCloseTo(715, 10);
    expect(result.sources.map((s) => s.nodeId)).toEqual(['apple', 'apple_count', 'orange', 'orange_count', 'tax']);
    for (const s of result.sources) expect(s.maxRelError).toBeLessThan(1e-7);
    expect(result.sources.find((s) => s.nodeId === 'tax')!.numerical.data[0]).toBeCloseTo(650, 6);
  });

  it('scales the objective by the Output’s gradient: 10 × 5 with upstream 1.3', () => {
    const result = gradcheckGraph(example('04-mul-node.json'));
    if (!result.ok) throw new Error(result.message);
    expect(result.objective).toBeCloseTo(65, 10);
    expect(result.sources.map((s) => s.numerical.data[0])).toEqual([expect.closeTo(6.5, 7), expect.closeTo(13, 7)]);
  });

  it('checks only Parameters when there are some, and agrees on a small two-layer net', () => {
    const doc = documentOf(
      [
        ['x', 'Tensor', { value: [[0.1, 0.9, 0.3], [0.7, 0.2, 0.5]] }],
        ['W1', 'Parameter', { rows: 3, cols: 4, init: 'normal', std: 0.5, seed: 1 }],
        ['b1', 'Parameter', { rows: 4, cols: 0, init: 'normal', std: 0.5, seed: 2 }],
        ['a1', 'Affine'],
        ['r', 'Sigmoid'],
        ['W2', 'Parameter', { rows: 4, cols: 3, init: 'normal', std: 0.5, seed: 3 }],
        ['b2', 'Parameter', { rows: 3, cols: 0, init: 'zeros' }],
        ['a2', 'Affine'],
        ['t', 'Tensor', { value: [[0, 1, 0], [1, 0, 0]] }],
        ['loss', 'SoftmaxWithLoss'],
        ['out', 'Output', { grad: 1 }],
      ],
      ['x.out -> a1.x', 'W1.out -> a1.W', 'b1.out -> a1.b', 'a1.out -> r.x', 'r.out -> a2.x', 'W2.out -> a2.W', 'b2.out -> a2.b', 'a2.out -> loss.x', 't.out -> loss.t', 'loss.out -> out.x'],
    );
    const plan = compile(doc);
    expect(plan.errors).toEqual([]);
    expect(sourcesToCheck(plan)).toEqual(['W1', 'b1', 'W2', 'b2']);
    const result = gradcheckGraph(plan);
    if (!result.ok) throw new Error(result.message);
    for (const s of result.sources) {
      expect(s.checked).toBe(s.shape.reduce((a, b) => a * b, 1));
      expect(s.meanAbsDiff).toBeLessThan(1e-6);
      expect(s.maxRelError).toBeLessThan(1e-4);
    }
    const sampled = gradcheckGraph(plan, { maxElements: 5 });
    expect(sampled.ok && sampled.sources.map((s) => s.checked)).toEqual([5, 4, 5, 3]);
  });

  it('reports a graph that cannot run as a message', () => {
    const result = gradcheckGraph(compile(documentOf([['s', 'Scalar']], [])));
    expect(result).toMatchObject({ ok: false, code: 'graph_cannot_run', message: 'the graph cannot run: the graph has no Output node, so the backward pass has nowhere to start' });
  });
});
