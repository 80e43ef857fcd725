import type { MlpActivation } from '../tensor/mlp-kernel';

/** A trained MLP as plain arrays: W ([in, out] row-major) and b per layer, with the activations between. */
export interface MlpWeights {
  readonly sizes: readonly number[];
  readonly activations: readonly MlpActivation[];
  readonly weights: readonly ArrayLike<number>[];
  readonly biases: readonly ArrayLike<number>[];
  /** LeakyReLU's slope below 0 per layer (absent or 0 for the other activations). */
  readonly slopes?: readonly number[];
}

/**
 * The class probabilities (softmax of the last layer's scores) for one input row, in float64:
 * what the Affine, Relu/Sigmoid and Softmax nodes of the trained graph compute for that row.
 */
export function predictProbabilities(net: MlpWeights, input: ArrayLike<number>): Float64Array {
  let x: ArrayLike<number> = input;
  for (let l = 0; l < net.sizes.length - 1; l++) {
    const [n, m] = [net.sizes[l], net.sizes[l + 1]];
    const w = net.weights[l];
    const z = Float64Array.from({ length: m }, (_, j) => net.biases[l][j]);
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v === 0) continue;
      const row = i * m;
      for (let j = 0; j < m; j++) z[j] += v * w[row + j];
    }
    const activation = net.activations[l];
    if (activation === 'relu') for (let j = 0; j < m; j++) z[j] = Math.max(0, z[j]);
    else if (activation === 'sigmoid') for (let j = 0; j < m; j++) z[j] = 1 / (1 + Math.exp(-z[j]));
    else if (activation === 'tanh') for (let j = 0; j < m; j++) z[j] = Math.tanh(z[j]);
    else if (activation === 'leakyRelu') {
      const slope = net.slopes?.[l] ?? 0;
      for (let j = 0; j < m; j++) if (z[j] < 0) z[j] *= slope;
    }
    x = z;
  }
  return softmax(x);
}

export function softmax(scores: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
  const out = Float64Array.from({ length: scores.length }, (_, i) => Math.exp(scores[i] - max));
  const sum = out.reduce((a, b) => a + b, 0);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
