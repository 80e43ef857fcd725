import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../../tensor/js-backend';
import { createRandom } from '../../tensor/random';
import { compile } from '../compile';
import type { GraphDocument } from '../document';
import { createExecutor } from '../executor';
import { documentOf } from '../test-documents';
import { collapseComposite, groupOf } from './collapse';
import { BELOW, COMPOSITES, portRef, STEP } from './definitions';
import { expandComposite } from './expand';

const backend = createJsBackend('float64');

/** Every edge's value and gradient after a full forward and backward pass. */
function edgeNumbers(document: GraphDocument): Map<string, { value: number[]; grad: number[] }> {
  const plan = compile(document);
  expect(plan.errors).toEqual([]);
  const ex = createExecutor(plan, { backend });
  expect(ex.runForward()).toMatchObject({ ok: true });
  expect(ex.runBackward()).toMatchObject({ ok: true });
  return new Map([...plan.edges.keys()].map((id) => [id, { value: Array.from(ex.edgeValue(id)!.data), grad: Array.from(ex.edgeGrad(id)!.data) }]));
}

function expectSameOuterNumbers(before: ReturnType<typeof edgeNumbers>, after: ReturnType<typeof edgeNumbers>, relative: number) {
  for (const [id, { value, grad }] of before) {
    const other = after.get(id);
    expect(other, `edge ${id}`).toBeDefined();
    value.forEach((v, i) => expect(Math.abs(other!.value[i] - v), `value ${id}[${i}]`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(v))));
    grad.forEach((g, i) => expect(Math.abs(other!.grad[i] - g), `gradient ${id}[${i}]`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(g))));
  }
}

const matrix = (random: ReturnType<typeof createRandom>, rows: number, cols: number, scale = 2) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => (random.uniform() - 0.5) * scale));

/** The composite between random inputs and a random weighting of its output, so its upstream gradient is not all ones. */
function graphAround(kind: string, seed: number): GraphDocument {
  const r = createRandom(seed);
  const weigh = ['k', 'Tensor', { value: matrix(r, 2, 3) }] as const;
  switch (kind) {
    case 'Sigmoid':
      return documentOf(
        [['x', 'Tensor', { value: matrix(r, 2, 3, 8) }], ['c', 'Sigmoid', {}], [...weigh], ['m', 'Mul'], ['after', 'Exp'], ['out', 'Output', { grad: 1 + r.uniform() }]],
        ['x.out -> c.x', 'c.out -> m.x', 'k.out -> m.y', 'm.out -> after.x', 'after.out -> out.x'],
      );
    case 'Affine':
      return documentOf(
        [['x', 'Tensor', { value: matrix(r, 2, 4) }], ['W', 'Tensor', { value: matrix(r, 4, 3) }], ['b', 'Tensor', { value: matrix(r, 1, 3)[0] }], ['c', 'Affine', {}], [...weigh], ['m', 'Mul'], ['out', 'Output']],
        ['x.out -> c.x', 'W.out -> c.W', 'b.out -> c.b', 'c.out -> m.x', 'k.out -> m.y', 'm.out -> out.x'],
      );
    default: {
      const labels = [[0, 1, 0], [1, 0, 0]];
      return documentOf(
        [['x', 'Tensor', { value: matrix(r, 2, 3, 6) }], ['t', 'Tensor', { value: labels }], ['c', 'SoftmaxWithLoss', {}], ['out', 'Output', { grad: 0.5 + r.uniform() }]],
        ['x.out -> c.x', 't.out -> c.t', 'c.out -> out.x'],
      );
    }
  }
}

describe('composite nodes opened into the chapter’s primitives and closed again', () => {
  // Softmax-with-Loss's fused gradient (y − t)/N and the chained Softmax and Cross-entropy differ by
  // Cross-entropy's 1e-7 guard inside log: relatively 1e-7 / y of the label's class, 1e-5 at most here.
  const tolerance: Record<string, number> = { Sigmoid: 1e-12, Affine: 1e-12, SoftmaxWithLoss: 1e-5 };
  for (const kind of ['Sigmoid', 'Affine', 'SoftmaxWithLoss']) {
    it(`${kind}: the outer edges keep their values and gradients, forward and backward, on 10 random inputs`, () => {
      for (let seed = 1; seed <= 10; seed++) {
        const original = graphAround(kind, seed * 7 + kind.length);
        const before = edgeNumbers(original);
        const expanded = expandComposite(original, 'c');
        if (!expanded.ok) throw new Error(expanded.reason);
        expect(expanded.document.nodes.some((n) => n.id === 'c')).toBe(false);
        expectSameOuterNumbers(before, edgeNumbers(expanded.document), tolerance[kind]);
        const collapsed = collapseComposite(expanded.document, expanded.nodeIds[expanded.nodeIds.length - 1]);
        if (!collapsed.ok) throw new Error(collapsed.reason);
        expect(collapsed.document).toEqual(original);
        expectSameOuterNumbers(before, edgeNumbers(collapsed.document), 0);
      }
    });
  }

  it('opens Sigmoid exactly as the chapter’s figure: × (−1), exp, + 1, 1/x with the constants −1 and 1', () => {
    const expanded = expandComposite(graphAround('Sigmoid', 1), 'c');
    if (!expanded.ok) throw new Error(expanded.reason);
    const inner = expanded.document.nodes.filter((n) => n.id.startsWith('c__'));
    expect(inner.map((n) => [n.kind, n.label, n.params.value])).toEqual([
      ['Mul', '× (−1)', undefined],
      ['Scalar', '−1', -1],
      ['Exp', 'exp', undefined],
      ['Add', '+ 1', undefined],
      ['Scalar', '1', 1],
      ['Reciprocal', '1/x', undefined],
    ]);
    // Sigmoid of x = 1 through the steps: 0.731 forward, 0.197 back.
    const doc = documentOf([['x', 'Scalar', { value: 1 }], ['s', 'Sigmoid'], ['out', 'Output']], ['x.out -> s.x', 's.out -> out.x']);
    const open = expandComposite(doc, 's');
    if (!open.ok) throw new Error(open.reason);
    const numbers = edgeNumbers(open.document);
    expect(numbers.get('e2')!.value[0]).toBeCloseTo(0.7310585786, 9);
    expect(numbers.get('e1')!.grad[0]).toBeCloseTo(0.1966119332, 9);
  });

  it('gives a named composite’s label to its inner nodes and back; moves the nodes to its right aside and back', () => {
    const doc = graphAround('Affine', 3);
    const named = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'c' ? { ...n, label: 'Affine 1 (784 → 50)' } : n)) };
    const expanded = expandComposite(named, 'c');
    if (!expanded.ok) throw new Error(expanded.reason);
    expect(expanded.document.nodes.find((n) => n.id === 'c__dot')!.label).toBe('Affine 1 (784 → 50) · dot');
    const m = (d: GraphDocument) => d.nodes.find((n) => n.id === 'm')!.position.x;
    expect(m(expanded.document)).toBe(m(named) + 220);
    const collapsed = collapseComposite(expanded.document, 'c__plus_b');
    expect(collapsed.ok && collapsed.document).toEqual(named);
  });

  it('refuses to collapse a group that was changed, and says why', () => {
    const expanded = expandComposite(graphAround('Sigmoid', 2), 'c');
    if (!expanded.ok) throw new Error(expanded.reason);
    const changedConstant = { ...expanded.document, nodes: expanded.document.nodes.map((n) => (n.id === 'c__one' ? { ...n, params: { value: 2 } } : n)) };
    expect(collapseComposite(changedConstant, 'c__exp')).toEqual({ ok: false, reason: 'changed', compositeId: 'c' });
    const readInside = { ...expanded.document, edges: [...expanded.document.edges.filter((e) => e.target !== 'out'), { id: 'peek', source: 'c__exp', sourceHandle: 'out', target: 'out', targetHandle: 'x' }] };
    expect(collapseComposite(readInside, 'c__exp')).toMatchObject({ ok: false, reason: 'changed' });
    const removed = { ...expanded.document, nodes: expanded.document.nodes.filter((n) => n.id !== 'c__plus_one') };
    expect(collapseComposite(removed, 'c__exp')).toEqual({ ok: false, reason: 'not-in-group' });
    expect(collapseComposite(expanded.document, 'x')).toEqual({ ok: false, reason: 'not-in-group' });
    expect(groupOf(expanded.document, 'c__negate')?.compositeId).toBe('c');
  });

  it('refuses to expand what is not a composite, or when an inner id is taken', () => {
    const doc = graphAround('Sigmoid', 4);
    expect(expandComposite(doc, 'x')).toEqual({ ok: false, reason: 'not-composite' });
    expect(expandComposite(doc, 'missing')).toEqual({ ok: false, reason: 'no-node' });
    const clash = { ...doc, nodes: [...doc.nodes, { id: 'c__exp', kind: 'Scalar', position: { x: 0, y: 0 }, params: {} }] };
    expect(expandComposite(clash, 'c')).toEqual({ ok: false, reason: 'id-taken', id: 'c__exp' });
  });

  it.each(COMPOSITES.map((c) => [c.kind, c] as const))('%s opens with its steps in their own places and every edge running left to right', (_kind, definition) => {
    const at = new Map(definition.inner.map((n) => [n.key, n]));
    for (const [a, b] of definition.inner.flatMap((a, i) => definition.inner.slice(i + 1).map((b) => [a, b] as const))) {
      expect(Math.abs(a.dx - b.dx) >= STEP || Math.abs(a.dy - b.dy) >= BELOW, `${a.key} and ${b.key} share a place`).toBe(true);
    }
    for (const [from, to] of definition.internal) {
      expect(at.get(portRef(from).key)!.dx, `${from} → ${to}`).toBeLessThan(at.get(portRef(to).key)!.dx);
    }
    // The nodes to the right move aside by the columns the steps take beyond the composite's own.
    expect(definition.width).toBe(Math.max(...definition.inner.map((n) => n.dx)));
  });
});
