import { broadcastShape } from '../tensor/broadcast';
import { formatShape } from '../tensor/format-shape';
import { ShapeError, type OpDefinition } from './op';
import { matmulBackward, matmulForward } from './matmul-kernels';
import { matmulShape } from './matrix-shape';

export const affineOp: OpDefinition = {
  kind: 'Affine',
  description: 'x · W + b with the bias b broadcast over the batch; db sums the gradient over the batch.',
  inputs: ['x', 'W', 'b'],
  samples: [
    { inputs: { x: [3, 4], W: [4, 2], b: [2] } },
    { inputs: { x: [5, 3], W: [3, 4], b: [1, 4] } },
    { inputs: { x: [2], W: [2, 3], b: [3] } },
  ],
  formula: {
    forward: 'out = x \\cdot W + b',
    derivatives: {
      x: '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial out} \\cdot W^{T}',
      W: '\\frac{\\partial L}{\\partial W} = x^{T} \\cdot \\frac{\\partial L}{\\partial out}',
      b: '\\frac{\\partial L}{\\partial b} = \\sum_{n} \\frac{\\partial L}{\\partial out_{n}}',
    },
  },
  inferShape(inputs) {
    const product = matmulShape(inputs.x, inputs.W);
    const b = inputs.b;
    const cols = product[product.length - 1];
    const isBias = (b.length === 1 && b[0] === cols) || (b.length === 2 && b[0] === 1 && b[1] === cols);
    if (!isBias) {
      throw new ShapeError('shape_bias', { b: formatShape(b), product: formatShape(product), cols: String(cols), row: formatShape([1, cols]) });
    }
    return { out: broadcastShape(product, b) };
  },
  forward(inputs, ctx) {
    const { x, W, b } = inputs;
    return { outputs: { out: ctx.backend.add(matmulForward(ctx.backend, x, W), b) } };
  },
  backward(gradOutputs, _cache, inputs, ctx) {
    const { x, W, b } = inputs;
    const dout = gradOutputs.out;
    const { dx, dW } = matmulBackward(ctx.backend, dout, x, W);
    return { x: dx, W: dW, b: ctx.backend.sumTo(dout, b.shape) };
  },
};
