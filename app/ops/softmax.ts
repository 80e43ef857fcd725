import { formatShape } from '../tensor/format-shape';
import { allocate, type Tensor } from '../tensor/tensor';
import { ShapeError, type OpDefinition } from './op';

export const softmaxOp: OpDefinition = {
  kind: 'Softmax',
  description: 'Turns each row of scores into probabilities that sum to 1.',
  inputs: ['x'],
  samples: [{ inputs: { x: [5] } }, { inputs: { x: [3, 5] } }],
  formula: {
    forward: 'y_k = \\frac{e^{x_k}}{\\sum_i e^{x_i}}',
    derivatives: { x: '\\frac{\\partial y_k}{\\partial x_j} = y_k(\\delta_{kj} - y_j)' },
  },
  inferShape(inputs) {
    const x = inputs.x;
    if (x.length !== 1 && x.length !== 2) {
      throw new ShapeError('shape_scores', { scores: 'x', shape: formatShape(x) });
    }
    return { out: [...x] };
  },
  forward(inputs, ctx) {
    const out = ctx.backend.softmax(inputs.x);
    return { outputs: { out }, cache: out };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    // Per row: dx = y ⊙ (dout − Σ dout·y), the softmax Jacobian applied to dout.
    const y = cache as Tensor;
    const dout = gradOutputs.out;
    const cols = y.shape[y.shape.length - 1];
    const dx = allocate(y.shape, ctx.backend.dtype);
    for (let start = 0; start < y.data.length; start += cols) {
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += dout.data[start + c] * y.data[start + c];
      for (let c = 0; c < cols; c++) dx.data[start + c] = y.data[start + c] * (dout.data[start + c] - dot);
    }
    return { x: dx };
  },
};
