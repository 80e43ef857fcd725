import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { documentOf } from './test-documents';

const messages = (plan: ReturnType<typeof compile>) => plan.errors.map((e) => e.message);

describe('compile', () => {
  it('orders nodes topologically, breaking ties by document order', () => {
    const doc = documentOf(
      [
        ['out', 'Output'],
        ['m', 'Mul'],
        ['b', 'Scalar', { value: 2 }],
        ['a', 'Scalar', { value: 3 }],
      ],
      ['a.out -> m.x', 'b.out -> m.y', 'm.out -> out.x'],
    );
    const plan = compile(doc);
    expect(plan.errors).toEqual([]);
    expect(plan.ok).toBe(true);
    expect(plan.order).toEqual(['b', 'a', 'm', 'out']);
    expect(plan.outputNodeIds).toEqual(['out']);
  });

  it('infers shapes per port and lists fan-out edges by output port', () => {
    const doc = documentOf(
      [
        ['x', 'Tensor', { value: [[1, 2, 3], [4, 5, 6]] }],
        ['s', 'Scalar', { value: 2 }],
        ['m', 'Mul'],
        ['a', 'Add'],
        ['out', 'Output'],
      ],
      ['x.out -> m.x', 's.out -> m.y', 'm.out -> a.x', 'x.out -> a.y', 'a.out -> out.x'],
    );
    const plan = compile(doc);
    expect(plan.errors).toEqual([]);
    expect(plan.nodes.get('m')!.inputShapes).toEqual({ x: [2, 3], y: [] });
    expect(plan.nodes.get('a')!.outputShapes).toEqual({ out: [2, 3] });
    expect(plan.nodes.get('x')!.outputEdges.out.map((e) => e.id)).toEqual(['e1', 'e4']);
    expect(plan.nodes.get('a')!.inputEdges.y.id).toBe('e4');
  });

  it('reports a cycle naming its nodes, and not the nodes merely downstream of it', () => {
    const doc = documentOf(
      [
        ['s', 'Scalar'],
        ['a', 'Add'],
        ['b', 'Mul'],
        ['c', 'Mul'],
        ['out', 'Output'],
      ],
      ['s.out -> a.x', 'c.out -> a.y', 'a.out -> b.x', 's.out -> b.y', 'b.out -> c.x', 's.out -> c.y', 'b.out -> out.x'],
    );
    const plan = compile(doc);
    expect(messages(plan)).toEqual(['the graph has a cycle: a → b → c → a']);
    expect(plan.errors[0].nodeIds).toEqual(['a', 'b', 'c']);
    expect(plan.order).toEqual(['s']);
    expect(plan.ok).toBe(false);
  });

  it('reports an unconnected input and two edges into one input', () => {
    const doc = documentOf(
      [
        ['s', 'Scalar'],
        ['t', 'Scalar'],
        ['n3', 'Mul'],
        ['out', 'Output'],
      ],
      ['s.out -> n3.x', 't.out -> out.x', 'n3.out -> out.x'],
    );
    const plan = compile(doc);
    expect(plan.errors).toEqual([
      { nodeId: 'n3', message: 'Mul n3: input y is not connected' },
      { nodeId: 'out', message: 'Output out: input x has 2 edges (e2, e3); an input takes one' },
    ]);
  });

  it('reports a shape mismatch naming both shapes', () => {
    const doc = documentOf(
      [
        ['x', 'Tensor', { value: [[1, 2, 3]] }],
        ['y', 'Tensor', { value: [[1, 2], [3, 4]] }],
        ['m', 'Mul'],
        ['out', 'Output'],
      ],
      ['x.out -> m.x', 'y.out -> m.y', 'm.out -> out.x'],
    );
    const plan = compile(doc);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0].nodeId).toBe('m');
    expect(plan.errors[0].message).toMatch(/^Mul m: .*\[1, 3\].*\[2, 2\]/);
  });

  it('reports an unknown kind, a missing Output, a dangling edge and an unknown port', () => {
    const doc = documentOf(
      [
        ['s', 'Scalar'],
        ['w', 'Wobble'],
      ],
      ['s.out -> w.x', 's.out -> n9.x', 's.value -> w.x'],
    );
    const plan = compile(doc);
    expect(plan.errors).toEqual([
      { nodeId: 'w', message: 'node w has kind Wobble, which Backprop Studio does not know' },
      { edgeId: 'e2', message: 'edge e2 points to node n9, which does not exist' },
      { edgeId: 'e3', nodeId: 's', message: 'edge e3 leaves Scalar s from output value, which it does not have' },
      { message: 'the graph has no Output node, so the backward pass has nowhere to start' },
    ]);
  });

  it('flags MnistBatch nodes when the data set is unavailable', () => {
    const doc = documentOf(
      [
        ['d', 'MnistBatch', { batchSize: 3 }],
        ['l', 'SoftmaxWithLoss'],
        ['out', 'Output'],
      ],
      ['d.t -> l.x', 'd.t -> l.t', 'l.out -> out.x'],
    );
    expect(compile(doc).errors).toEqual([]);
    const noData = compile(doc, { mnistAvailable: false });
    expect(messages(noData)).toContain('MnistBatch d: the MNIST data set is not available');
  });
});
