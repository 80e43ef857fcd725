import { describe, expect, it } from 'vitest';
import { documentOf } from '../graph/test-documents';
import type { GraphDocument } from '../graph/document';
import { tensorRule } from './tensor-rule';
import { exampleFiles, readExample, runBothPasses } from './explain.test-helpers';

describe('the chain rule at the level of tensors', () => {
  it('writes the two-layer net’s first Affine as dX = dY · Wᵀ : 3×784 = 3×50 · 50×784', () => {
    const { plan, executor } = runBothPasses(readExample('09-two-layer-net.json'));
    const intoAffine = [...plan.edges.values()].find((e) => e.target === 'affine1' && e.targetHandle === 'x')!;
    const rule = tensorRule(plan, executor, intoAffine.id)!;
    expect(rule.tex).toBe('dX = dY \\cdot W^{T}');
    expect(rule.shapes).toBe('3×784 = 3×50 · 50×784');
    const element = rule.element(5);
    expect(element.at).toBe('[0, 5]');
    expect(element.terms).toHaveLength(4);
    expect(element.moreTerms).toBe(46);
  });

  it('works out Softmax-with-Loss as dL × (y − t) / N', () => {
    const { plan, executor } = runBothPasses(readExample('08-softmax-with-loss.json'));
    const rule = tensorRule(plan, executor, [...plan.edges.values()].find((e) => e.target === 'loss' && e.targetHandle === 'x')!.id)!;
    expect(rule.tex).toBe('dX = dL \\cdot \\frac{Y - T}{N}');
    expect(rule.element(1)).toMatchObject({ terms: ['1 × (0.2 − 1) / 1'] });
    expect(rule.element(1).value).toBeCloseTo(-0.8, 6);
  });

  const checkEveryElement = (file: string, document: GraphDocument) => {
    const { plan, executor } = runBothPasses(document);
    let checked = 0;
    for (const edgeId of plan.edges.keys()) {
      const rule = tensorRule(plan, executor, edgeId);
      const grad = executor.edgeGrad(edgeId)!;
      expect(rule, `${file} ${edgeId}`).toBeDefined();
      const step = Math.max(1, Math.floor(grad.data.length / 40));
      for (let i = 0; i < grad.data.length; i += step) {
        const v = rule!.element(i).value;
        expect(Math.abs(v - grad.data[i]), `${file} ${edgeId}[${i}]: worked ${v}, backward ${grad.data[i]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(grad.data[i])));
        checked++;
      }
    }
    return checked;
  };

  for (const file of exampleFiles()) {
    it(`gives every checked element of ${file} the executor’s gradient`, () => {
      expect(checkEveryElement(file, readExample(file))).toBeGreaterThan(0);
    });
  }

  it('covers MatMul, Softmax + CrossEntropy, broadcast Add and Mul, Exp and 1/x on tensors', () => {
    const doc = documentOf(
      [
        ['x', 'Tensor', { value: [[0.1, 0.9, -0.3], [0.7, -0.2, 0.5]] }],
        ['W', 'Tensor', { value: [[0.2, -0.1], [0.4, 0.3], [-0.5, 0.6]] }],
        ['mm', 'MatMul'],
        ['b', 'Tensor', { value: [0.1, -0.2] }],
        ['add', 'Add'],
        ['s', 'Tensor', { value: [1.5, 0.5] }],
        ['mul', 'Mul'],
        ['e', 'Exp'],
        ['r', 'Reciprocal'],
        ['sm', 'Softmax'],
        ['t', 'Tensor', { value: [[0, 1], [1, 0]] }],
        ['ce', 'CrossEntropy'],
        ['out', 'Output', { grad: 1 }],
      ],
      ['x.out -> mm.x', 'W.out -> mm.W', 'mm.out -> add.x', 'b.out -> add.y', 'add.out -> mul.x', 's.out -> mul.y', 'mul.out -> e.x', 'e.out -> r.x', 'r.out -> sm.x', 'sm.out -> ce.y', 't.out -> ce.t', 'ce.out -> out.x'],
    );
    expect(checkEveryElement('mixed', doc)).toBeGreaterThan(20);
  });
});
