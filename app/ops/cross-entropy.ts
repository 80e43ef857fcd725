import { allocate, scalar, scalarValue } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { batchSize, lossShape } from './loss-shape';

export const crossEntropyOp: OpDefinition = {
  kind: 'CrossEntropy',
  title: 'Cross-entropy',
  description: 'The cross-entropy error between probabilities y and one-hot labels t, averaged over the batch.',
  inputs: ['y', 't'],
  // Positive y of order 1: for small y the h² error of the centred difference on log y exceeds 1e-7.
  samples: [{ inputs: { y: [3, 4], t: [3, 4] }, labels: ['t'], positive: ['y'] }],
  formula: {
    forward: 'L = -\\frac{1}{N} \\sum_{n,k} t_{nk} \\log (y_{nk} + 10^{-7})',
    derivatives: {
      y: '\\frac{\\partial L}{\\partial y} = -\\frac{t}{N (y + 10^{-7})}',
      t: '\\frac{\\partial L}{\\partial t} = -\\frac{\\log (y + 10^{-7})}{N}',
    },
  },
  inferShape: (inputs) => ({ out: lossShape(inputs.y, 'y', inputs.t) }),
  forward(inputs, ctx) {
    return { outputs: { out: scalar(ctx.backend.crossEntropy(inputs.y, inputs.t), ctx.backend.dtype) } };
  },
  backward(gradOutputs, _cache, inputs, ctx) {
    const { y, t } = inputs;
    const factor = -scalarValue(gradOutputs.out) / batchSize(t);
    const dy = allocate(y.shape, ctx.backend.dtype);
    const dt = allocate(t.shape, ctx.backend.dtype);
    for (let i = 0; i < y.data.length; i++) {
      dy.data[i] = (t.data[i] / (y.data[i] + 1e-7)) * factor;
      dt.data[i] = Math.log(y.data[i] + 1e-7) * factor;
    }
    return { y: dy, t: dt };
  },
};
