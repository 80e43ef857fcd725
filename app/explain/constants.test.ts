import { describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { documentOf } from '../graph/test-documents';
import { isConstantEdge } from './constants';

describe('constant inputs', () => {
  it('are the MNIST batch, the labels t of a loss, and Tensors marked constant; nothing else', () => {
    const plan = compile(
      documentOf(
        [
          ['data', 'MnistBatch', { split: 'train', batchSize: 2, seed: 0 }],
          ['W', 'Parameter', { rows: 784, cols: 10 }],
          ['mm', 'MatMul'],
          ['k', 'Tensor', { value: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], constant: true }],
          ['scaled', 'Mul'],
          ['loss', 'SoftmaxWithLoss'],
          ['out', 'Output'],
        ],
        ['data.x -> mm.x', 'W.out -> mm.W', 'mm.out -> scaled.x', 'k.out -> scaled.y', 'scaled.out -> loss.x', 'data.t -> loss.t', 'loss.out -> out.x'],
      ),
    );
    expect([...plan.edges.keys()].filter((id) => isConstantEdge(plan, id))).toEqual(['e1', 'e4', 'e6']);
    expect(isConstantEdge(plan, 'missing')).toBe(false);
  });
});
