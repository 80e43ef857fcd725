import type { Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { inferBroadcastShape } from './elementwise-shape';

interface MulCache {
  readonly x: Tensor;
  readonly y: Tensor;
}

export const mulOp: OpDefinition = {
  kind: 'Mul',
  title: 'Multiply',
  category: 'operation',
  description: 'Multiplies x by y; each input’s gradient is the upstream gradient times the other input.',
  inputs: ['x', 'y'],
  outputs: ['out'],
  params: [],
  samples: [
    { inputs: { x: [3, 4], y: [3, 4] } },
    { inputs: { x: [], y: [3, 4] } },
    { inputs: { x: [2, 5], y: [] } },
    { inputs: { x: [], y: [] } },
    { inputs: { x: [3, 4], y: [4] } },
    { inputs: { x: [3, 4], y: [1, 4] } },
    { inputs: { x: [6], y: [6] } },
  ],
  formula: {
    forward: 'out = x \\cdot y',
    derivatives: { x: '\\frac{\\partial out}{\\partial x} = y', y: '\\frac{\\partial out}{\\partial y} = x' },
  },
  inferShape: (inputs) => inferBroadcastShape('Mul', inputs),
  forward(inputs, ctx) {
    const { x, y } = inputs;
    const cache: MulCache = { x, y };
    return { outputs: { out: ctx.backend.mul(x, y) }, cache };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    const { x, y } = cache as MulCache;
    const b = ctx.backend;
    const dout = gradOutputs.out;
    // Swap the inputs, then sum back over broadcast dimensions (the chapter's bias lesson).
    return { x: b.sumTo(b.mul(dout, y), x.shape), y: b.sumTo(b.mul(dout, x), y.shape) };
  },
};
