import { allocate, scalar, scalarValue, type Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { batchSize, lossShape } from './loss-shape';

export const softmaxWithLossOp: OpDefinition = {
  kind: 'SoftmaxWithLoss',
  title: 'Softmax-with-Loss',
  description: 'Softmax then cross-entropy against one-hot labels t; together their gradient is simply (y − t) / N.',
  inputs: ['x', 't'],
  // The book's (y − t)/N ignores the 1e-7 in log(y + 1e-7), a relative difference of about 1e-7 / y.
  samples: [{ inputs: { x: [3, 4], t: [3, 4] }, labels: ['t'], tolerance: 1e-5 }, { inputs: { x: [5], t: [5] }, labels: ['t'], tolerance: 1e-5 }],
  formula: {
    forward: 'L = -\\frac{1}{N} \\sum_{n,k} t_{nk} \\log y_{nk}, \\quad y = \\mathrm{softmax}(x)',
    derivatives: {
      x: '\\frac{\\partial L}{\\partial x} = \\frac{y - t}{N}',
      t: '\\frac{\\partial L}{\\partial t} = -\\frac{\\log y}{N}',
    },
  },
  inferShape: (inputs) => ({ out: lossShape(inputs.x, 'x', inputs.t) }),
  forward(inputs, ctx) {
    const y = ctx.backend.softmax(inputs.x);
    const loss = ctx.backend.crossEntropy(y, inputs.t);
    return { outputs: { out: scalar(loss, ctx.backend.dtype) }, cache: y };
  },
  backward(gradOutputs, cache, inputs, ctx) {
    const y = cache as Tensor;
    const t = inputs.t;
    const dout = scalarValue(gradOutputs.out);
    const dx = ctx.backend.softmaxCrossEntropyBackward(y, t, dout);
    // Labels rarely need a gradient, but every input port gets its true one.
    const dt = allocate(t.shape, ctx.backend.dtype);
    const factor = -dout / batchSize(t);
    for (let i = 0; i < dt.data.length; i++) dt.data[i] = Math.log(y.data[i] + 1e-7) * factor;
    return { x: dx, t: dt };
  },
};
