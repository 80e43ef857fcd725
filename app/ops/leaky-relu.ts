import type { Tensor } from '../tensor/tensor';
import type { OpDefinition, Params } from './op';
import { sameShapeAsX, UNARY_ELEMENTWISE } from './elementwise-shape';
import { numberParam } from './params';

const slopeOf = (params: Params): number => numberParam(params, 'slope', 0.01);

export const leakyReluOp: OpDefinition = {
  kind: 'LeakyRelu',
  title: 'LeakyReLU',
  description: 'Like ReLU, but lets a small slope of negative values (and of their gradient) through instead of zero.',
  ...UNARY_ELEMENTWISE,
  params: [{ name: 'slope', label: 'Slope for x < 0', type: 'number', default: 0.01, min: 0, max: 1 }],
  // Inputs kept away from the kink at 0.
  samples: [{ inputs: { x: [4, 5] }, range: [0.1, 1] }, { inputs: { x: [6] }, params: { slope: 0.2 }, range: [0.1, 1] }],
  formula: {
    forward: 'out = \\begin{cases} x & x > 0 \\\\ a x & x \\le 0 \\end{cases}',
    derivatives: { x: '\\frac{\\partial out}{\\partial x} = \\begin{cases} 1 & x > 0 \\\\ a & x \\le 0 \\end{cases}' },
  },
  fusedActivation: { activation: 'leakyRelu', slope: slopeOf },
  inferShape(inputs, params) {
    slopeOf(params);
    return sameShapeAsX(inputs);
  },
  forward(inputs, ctx) {
    // max(0, x) + a·(x − max(0, x)): ReLU's kernel and the elementwise ones, so every backend runs it.
    const { backend } = ctx;
    const positive = backend.relu(inputs.x);
    const negative = backend.add(inputs.x, backend.scale(positive, -1));
    return { outputs: { out: backend.add(positive, backend.scale(negative, slopeOf(ctx.params))) }, cache: inputs.x };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    const { backend } = ctx;
    const dout = gradOutputs.out;
    const passed = backend.reluBackward(dout, cache as Tensor);
    const leaked = backend.add(dout, backend.scale(passed, -1));
    return { x: backend.add(passed, backend.scale(leaked, slopeOf(ctx.params))) };
  },
};
