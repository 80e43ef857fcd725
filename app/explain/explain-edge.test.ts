import { describe, expect, it } from 'vitest';
import { compile, type Plan } from '../graph/compile';
import type { GraphDocument } from '../graph/document';
import { createExecutor, type Executor } from '../graph/executor';
import { documentOf } from '../graph/test-documents';
import { createRandom } from '../tensor/random';
import { explainEdge, type EdgeExplanation } from './explain-edge';
import { productText, sumText } from './numbers';
import { backend, exampleFiles, readExample, runBothPasses } from './explain.test-helpers';

function explain(plan: Plan, executor: Executor, edgeId: string, limit?: number): EdgeExplanation {
  const result = explainEdge(plan, executor, backend, edgeId, limit);
  if (!result.ok) throw new Error(`${edgeId}: ${result.reason}`);
  return result.explanation;
}

function expectSumIsGradient(plan: Plan, executor: Executor, where: string) {
  for (const edgeId of plan.edges.keys()) {
    const e = explain(plan, executor, edgeId, 1e6);
    const grad = executor.edgeGrad(edgeId)!;
    expect(e.totalPaths, `${where} ${edgeId}`).toBe(e.paths.length);
    const sum = e.sum ? Array.from(e.sum.data) : new Array(grad.data.length).fill(0);
    expect(sum.length, `${where} ${edgeId}`).toBe(grad.data.length);
    sum.forEach((v, i) => {
      const g = grad.data[i];
      expect(Math.abs(v - g), `${where} edge ${edgeId}[${i}]: paths ${v}, backward ${g}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g)));
    });
    if (e.scalar) {
      // A chain of numbers: the product of the factors' numbers is the path's contribution.
      for (const p of e.paths) {
        const product = p.factors.reduce((acc, f) => acc * f.value!, 1);
        expect(Math.abs(product - p.contribution.data[0])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(product)));
      }
    }
  }
}

describe('explaining an edge by the chain rule', () => {
  it('writes the apple example as the chapter does: 1 × 1.1 × 2 = 2.2', () => {
    const { plan, executor } = runBothPasses(readExample('01-apple.json'));
    const apple = explain(plan, executor, 'e1');
    expect(apple.valueName).toBe('apple price');
    expect(apple.scalar).toBe(true);
    expect(apple.paths).toHaveLength(1);
    const [path] = apple.paths;
    expect(path.edgeIds).toEqual(['e1', 'e3', 'e5']);
    expect(path.factors.map((f) => [f.numerator, f.denominator])).toEqual([
      ['L', 'total price'],
      ['total price', 'apple price × count'],
      ['apple price × count', 'apple price'],
    ]);
    expect(productText(path.factors.map((f) => f.value!), apple.sum!.data[0])).toBe('1 × 1.1 × 2 = 2.2');
    expect(path.factors[1].worked?.worked).toBe('y = 1.1');
    const text = (id: string) => {
      const e = explain(plan, executor, id);
      return productText(e.paths[0].factors.map((f) => f.value!), e.sum!.data[0]);
    };
    expect(text('e2')).toBe('1 × 1.1 × 100 = 110');
    expect(text('e4')).toBe('1 × 200 = 200');
    expect(text('e3')).toBe('1 × 1.1 = 1.1');
  });

  it('sums two paths when x is used twice: ∂(x·x + x)/∂x', () => {
    const doc = documentOf(
      [['x', 'Scalar', { value: 3 }], ['sq', 'Mul'], ['plus', 'Add'], ['out', 'Output', { grad: 1 }]],
      ['x.out -> sq.x', 'x.out -> sq.y', 'sq.out -> plus.x', 'x.out -> plus.y', 'plus.out -> out.x'],
    );
    const { plan, executor } = runBothPasses(doc);
    // Each edge is one use of x: the first use's gradient is y = 3, the third's is 1.
    expect(explain(plan, executor, 'e1').sum!.data[0]).toBe(3);
    // Past the fan-out, the edge sq → plus reaches the loss once; x's own gradient sums its three edges.
    expect(executor.outputGrad('x', 'out')!.data[0]).toBe(7);
    const fan = documentOf(
      [['x', 'Scalar', { value: 2 }], ['a', 'Mul'], ['k', 'Scalar', { value: 5 }], ['b', 'Exp'], ['c', 'Add'], ['m', 'Mul'], ['out', 'Output']],
      ['x.out -> a.x', 'k.out -> a.y', 'a.out -> b.x', 'a.out -> c.x', 'k.out -> c.y', 'b.out -> m.x', 'c.out -> m.y', 'm.out -> out.x'],
    );
    const r = runBothPasses(fan);
    const e = explain(r.plan, r.executor, 'e1');
    expect(e.paths.map((p) => p.edgeIds)).toEqual([
      ['e1', 'e3', 'e6', 'e8'],
      ['e1', 'e4', 'e7', 'e8'],
    ]);
    const terms = e.paths.map((p) => p.contribution.data[0]);
    expect(sumText(terms, e.sum!.data[0])).toMatch(/^[\d.e+]+ \+ [\d.e+]+ = [\d.e+]+$/);
    expect(e.sum!.data[0]).toBeCloseTo(r.executor.edgeGrad('e1')!.data[0], 6);
  });

  it('works out Sigmoid as y(1 − y) = 0.731 × (1 − 0.731) = 0.197', () => {
    const { plan, executor } = runBothPasses(readExample('06-sigmoid-decomposed.json'));
    const e = explain(plan, executor, 'e1');
    const sigmoid = e.paths[0].factors.find((f) => f.kind === 'Sigmoid')!;
    expect(sigmoid.worked?.worked).toBe('0.731 × (1 − 0.731) = 0.197');
  });

  it('reports a node the forward pass has not reached', () => {
    const plan = compile(readExample('01-apple.json'));
    const executor = createExecutor(plan, { backend });
    executor.stepForward();
    expect(explainEdge(plan, executor, backend, 'e1')).toEqual({ ok: false, reason: 'not-computed', nodeId: 'total' });
    expect(explainEdge(plan, executor, backend, 'nope')).toEqual({ ok: false, reason: 'no-edge' });
  });

  it('lists at most the limit of paths but counts them all', () => {
    // A ladder of k doublings has 2^k paths from its first edge.
    const nodes: [string, string, Record<string, number>?][] = [['x', 'Scalar', { value: 1 }]];
    const edges: string[] = [];
    let last = 'x';
    for (let i = 0; i < 10; i++) {
      nodes.push([`a${i}`, 'Add']);
      edges.push(`${last}.out -> a${i}.x`, `${last}.out -> a${i}.y`);
      last = `a${i}`;
    }
    nodes.push(['out', 'Output']);
    edges.push(`${last}.out -> out.x`);
    const { plan, executor } = runBothPasses(documentOf(nodes, edges));
    const e = explain(plan, executor, 'e1', 16);
    expect(e.totalPaths).toBe(512);
    expect(e.paths).toHaveLength(16);
  });
});

describe('the sum over paths of the products equals the executor’s gradient', () => {
  for (const file of exampleFiles()) {
    it(`on every edge of ${file}`, () => {
      const { plan, executor } = runBothPasses(readExample(file));
      expectSumIsGradient(plan, executor, file);
    });
  }

  it('on every edge of 200 random scalar DAGs (seeded)', () => {
    const random = createRandom(20261130);
    let checked = 0;
    for (let g = 0; g < 200; g++) {
      const doc = randomScalarDag(random);
      const { plan, executor } = runBothPasses(doc);
      expectSumIsGradient(plan, executor, `dag ${g}`);
      checked += plan.edges.size;
    }
    expect(checked).toBeGreaterThan(2000);
  });
});

/** Sources, then ops reading any earlier value (fan-out is common), then one or two Outputs. */
function randomScalarDag(random: ReturnType<typeof createRandom>): GraphDocument {
  const nodes: [string, string, Record<string, number>?][] = [];
  const edges: string[] = [];
  const values: string[] = [];
  const sources = 2 + random.below(3);
  for (let i = 0; i < sources; i++) {
    nodes.push([`s${i}`, 'Scalar', { value: Math.round((random.uniform() * 3 - 1.5) * 100) / 100 || 0.5 }]);
    values.push(`s${i}`);
  }
  const kinds = ['Add', 'Mul', 'Mul', 'Sigmoid', 'Exp', 'Relu', 'Add'];
  const ops = 3 + random.below(8);
  for (let i = 0; i < ops; i++) {
    const kind = kinds[random.below(kinds.length)];
    const id = `n${i}`;
    nodes.push([id, kind]);
    // Exp only of a Sigmoid's output or a source keeps every value small and finite.
    const pick = () => values[random.below(values.length)];
    const ports = kind === 'Add' || kind === 'Mul' ? ['x', 'y'] : ['x'];
    for (const port of ports) edges.push(`${kind === 'Exp' ? values[random.below(sources)] : pick()}.out -> ${id}.${port}`);
    values.push(id);
  }
  const outputs = 1 + random.below(2);
  for (let i = 0; i < outputs; i++) {
    nodes.push([`out${i}`, 'Output', { grad: i === 0 ? 1 : 0.5 + random.uniform() }]);
    edges.push(`${values[values.length - 1 - i]}.out -> out${i}.x`);
  }
  return documentOf(nodes, edges);
}
