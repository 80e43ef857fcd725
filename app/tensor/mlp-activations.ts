import type { MlpActivation } from './mlp-kernel';

/**
 * The fused kernels' activations in plain loops, over the first `count` values: y from z forward, and
 * the gradient through the activation backward (`from` and `to` may be the same array). Sigmoid and
 * Tanh round to float32 as the float32 op-by-op path does; ReLU and LeakyReLU need no rounding of their own.
 */
export function activateForward(activation: MlpActivation, z: Float64Array, y: Float64Array, count: number, slope: number): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < count; i++) y[i] = z[i] > 0 ? z[i] : 0;
      break;
    case 'sigmoid':
      for (let i = 0; i < count; i++) y[i] = Math.fround(1 / (1 + Math.exp(-z[i])));
      break;
    case 'tanh':
      for (let i = 0; i < count; i++) y[i] = Math.fround(Math.tanh(z[i]));
      break;
    case 'leakyRelu':
      for (let i = 0; i < count; i++) y[i] = z[i] > 0 ? z[i] : Math.fround(slope * z[i]);
      break;
    case 'none':
      break;
  }
}

/** to = from ⊙ activation′, given the forward's z and y. */
export function activateBackward(
  activation: MlpActivation,
  z: Float64Array,
  y: Float64Array,
  from: Float64Array,
  to: Float64Array,
  count: number,
  slope: number,
): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < count; i++) to[i] = z[i] > 0 ? from[i] : 0;
      break;
    case 'sigmoid':
      for (let i = 0; i < count; i++) to[i] = Math.fround(from[i] * y[i] * (1 - y[i]));
      break;
    case 'tanh':
      for (let i = 0; i < count; i++) to[i] = Math.fround(from[i] * (1 - y[i] * y[i]));
      break;
    case 'leakyRelu':
      for (let i = 0; i < count; i++) to[i] = z[i] > 0 ? from[i] : Math.fround(slope * from[i]);
      break;
    case 'none':
      if (to !== from) to.set(from.subarray(0, count));
      break;
  }
}
