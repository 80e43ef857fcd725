import { describe, expect, it } from 'vitest';
import { loadMnist } from '../services/mnist';
import { loadNativeAddon, nativeBackendAvailable } from './native-loader';

/**
 * A step told the next step's images starts loading them toward the cache at its end (mlpStep's
 * `next`); that must change nothing it computes, whether the next step then takes those images or
 * others.
 */
describe.runIf(nativeBackendAvailable())('a training step told the next batch', () => {
  const { train } = loadMnist();

  function trainWeights(tellNext: 'no' | 'yes' | 'wrongly'): Float32Array {
    const native = loadNativeAddon();
    let seed = 3;
    const uniform = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const params = Float32Array.from({ length: 784 * 50 + 50 + 500 + 10 }, () => (uniform() - 0.5) * 0.02);
    const mlp = native.mlpCreate(Int32Array.from([784, 50, 10]), Int32Array.from([1, 0]), 'sgd', 0.1, 100, params, new Float32Array(2));
    const set = native.imageSetCreate(train.images, train.labels, 784);
    const batches = Array.from({ length: 10 }, () => Int32Array.from({ length: 100 }, () => Math.floor(uniform() * train.count)));
    const other = Int32Array.from({ length: 100 }, (_, r) => (r * 599) % train.count);
    batches.forEach((batch, step) => {
      const next = tellNext === 'yes' ? batches[step + 1] : tellNext === 'wrongly' ? other : undefined;
      expect(Number.isFinite(native.mlpStep(mlp, set, batch, Infinity, next))).toBe(true);
    });
    const weights = new Float32Array(params.length);
    native.mlpWeights(mlp, weights, false);
    expect(weights.filter((w, i) => w !== params[i]).length).toBeGreaterThan(params.length / 2);
    return weights;
  }

  it('trains to the same weights, bit for bit, told the next batch, another one, or none', () => {
    const untold = trainWeights('no');
    expect(trainWeights('yes')).toEqual(untold);
    expect(trainWeights('wrongly')).toEqual(untold);
  });
});
