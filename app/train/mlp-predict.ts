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
  return Float64Array.from(createPredictor(net)(input));
}

/**
 * predictProbabilities for many rows: the weights are copied once into float64 arrays (exactly: every
 * float32 is a float64) and the layers' buffers are reused, so a pass over the test set allocates
 * nothing per image. The returned array is overwritten by the next call.
 */
export function createPredictor(net: MlpWeights): (input: ArrayLike<number>) => Float64Array {
  const layers = net.sizes.slice(0, -1).map((n, l) => ({
    n,
    m: net.sizes[l + 1],
    w: Float64Array.from(net.weights[l]),
    b: Float64Array.from(net.biases[l]),
    z: new Float64Array(net.sizes[l + 1]),
    activation: net.activations[l],
    slope: net.slopes?.[l] ?? 0,
  }));
  const last = layers[layers.length - 1];
  const probabilities = new Float64Array(last.m);
  return (input) => {
    let x: ArrayLike<number> = input;
    for (const { n, m, w, b, z, activation, slope } of layers) {
      z.set(b);
      for (let i = 0; i < n; i++) {
        const v = x[i];
        if (v === 0) continue;
        const row = i * m;
        for (let j = 0; j < m; j++) z[j] += v * w[row + j];
      }
      if (activation === 'relu') for (let j = 0; j < m; j++) z[j] = Math.max(0, z[j]);
      else if (activation === 'sigmoid') for (let j = 0; j < m; j++) z[j] = 1 / (1 + Math.exp(-z[j]));
      else if (activation === 'tanh') for (let j = 0; j < m; j++) z[j] = Math.tanh(z[j]);
      else if (activation === 'leakyRelu') for (let j = 0; j < m; j++) if (z[j] < 0) z[j] *= slope;
      x = z;
    }
    softmaxInto(x, probabilities);
    return probabilities;
  };
}

export function softmax(scores: ArrayLike<number>): Float64Array {
  const out = new Float64Array(scores.length);
  softmaxInto(scores, out);
  return out;
}

function softmaxInto(scores: ArrayLike<number>, out: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp(scores[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
