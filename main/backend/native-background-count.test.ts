import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../../app/train/synthetic-mnist.test-helpers';
import type { MlpHandle, NativeAddon } from './native-addon';
import { loadNativeAddon, nativeBackendAvailable } from './native-loader';

/**
 * The accuracy count beside the steps (mlpCountStart / mlpCountResult / mlpCountStop), on the
 * thread pool's worker or, when that is busy, a thread of its own: it counts on the weights of the
 * moment it starts while steps change them, and the steps it overlaps come out the same.
 */
describe.runIf(nativeBackendAvailable())('the native background count', () => {
  const data = syntheticMnist(3000, 500);

  function trainer(native: NativeAddon, hidden = 30): MlpHandle {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.1;
    const params = Float32Array.from({ length: 784 * hidden + hidden + hidden * 10 + 10 }, random);
    return native.mlpCreate(Int32Array.from([784, hidden, 10]), Int32Array.from([1, 0]), 'sgd', 0.1, 100, params, new Float32Array(2));
  }
  const batch = (step: number) => Int32Array.from({ length: 100 }, (_, r) => (step * 389 + r * 97) % data.train.count);

  it('counts on the weights of the moment it starts while steps change them', () => {
    const native = loadNativeAddon();
    const mlp = trainer(native);
    const train = native.imageSetCreate(data.train.images, data.train.labels, 784);
    const test = native.imageSetCreate(data.test.images, data.test.labels, 784);
    const before = [native.mlpEvaluate(mlp, train, 0, data.train.count), native.mlpEvaluate(mlp, test, 0, data.test.count)];
    native.mlpCountStart(mlp, train, test);
    for (let s = 0; s < 30; s++) native.mlpStep(mlp, train, batch(s), Infinity);
    expect(native.mlpCountResult(mlp, Infinity)).toEqual(before);
    // The steps did change what the weights classify right: a count of the live weights would differ.
    expect(native.mlpEvaluate(mlp, train, 0, data.train.count)).not.toBe(before[0]);
  });

  it('leaves the steps it overlaps bit for bit as they are without it', () => {
    const native = loadNativeAddon();
    const [alone, overlapped] = [trainer(native), trainer(native)];
    const train = native.imageSetCreate(data.train.images, data.train.labels, 784);
    for (let s = 0; s < 40; s++) {
      native.mlpStep(alone, train, batch(s), Infinity);
      if (s % 5 === 0) native.mlpCountStart(overlapped, train, train, train);
      native.mlpStep(overlapped, train, batch(s), Infinity);
      if (s % 5 === 4) native.mlpCountResult(overlapped, Infinity);
    }
    const weights = (mlp: MlpHandle) => {
      const out = new Float32Array(784 * 30 + 30 + 300 + 10);
      native.mlpWeights(mlp, out);
      return out;
    };
    expect(weights(overlapped)).toEqual(weights(alone));
  });

  it("counts for two trainers at once (one on the pool's worker, one on a thread of its own) while a third steps", () => {
    const native = loadNativeAddon();
    const [first, second, stepping, alone] = [trainer(native), trainer(native, 40), trainer(native), trainer(native)];
    const train = native.imageSetCreate(data.train.images, data.train.labels, 784);
    const test = native.imageSetCreate(data.test.images, data.test.labels, 784);
    const expected = (mlp: MlpHandle) => [native.mlpEvaluate(mlp, train, 0, data.train.count), native.mlpEvaluate(mlp, test, 0, data.test.count)];
    const [fromFirst, fromSecond] = [expected(first), expected(second)];
    for (let s = 0; s < 30; s++) native.mlpStep(alone, train, batch(s), Infinity);
    native.mlpCountStart(first, train, test, train, test);
    native.mlpCountStart(second, train, test);
    for (let s = 0; s < 30; s++) native.mlpStep(stepping, train, batch(s), Infinity);
    expect(native.mlpCountResult(second, Infinity)).toEqual(fromSecond);
    expect(native.mlpCountResult(first, Infinity)).toEqual([...fromFirst, ...fromFirst]);
    const weights = (mlp: MlpHandle) => {
      const out = new Float32Array(784 * 30 + 30 + 300 + 10);
      native.mlpWeights(mlp, out);
      return out;
    };
    expect(weights(stepping)).toEqual(weights(alone));
    // The worker is free again: a count after them runs and steps go on.
    native.mlpCountStart(second, test);
    expect(native.mlpCountResult(second, Infinity)).toEqual([fromSecond[1]]);
  });

  it('runs one count at a time and hands its results out once', () => {
    const native = loadNativeAddon();
    const mlp = trainer(native);
    const train = native.imageSetCreate(data.train.images, data.train.labels, 784);
    expect(() => native.mlpCountResult(mlp, 0)).toThrow(/no count is under way/);
    native.mlpCountStart(mlp, train);
    expect(() => native.mlpCountStart(mlp, train)).toThrow(/a count is under way/);
    const [counted] = native.mlpCountResult(mlp, Infinity)!;
    expect(counted).toBe(native.mlpEvaluate(mlp, train, 0, data.train.count));
    expect(() => native.mlpCountResult(mlp, Infinity)).toThrow(/no count is under way/);
  });

  it('stops a count on request, and the trainer goes on', () => {
    const native = loadNativeAddon();
    // A wide hidden layer makes the count of 3,000 images long enough to stop in the middle.
    const mlp = trainer(native, 2000);
    const train = native.imageSetCreate(data.train.images, data.train.labels, 784);
    native.mlpCountStart(mlp, train, train, train, train);
    expect(native.mlpCountResult(mlp, 0)).toBeUndefined();
    native.mlpCountStop(mlp);
    expect(() => native.mlpCountResult(mlp, 0)).toThrow(/no count is under way/);
    expect(Number.isFinite(native.mlpStep(mlp, train, batch(0), Infinity))).toBe(true);
    native.mlpCountStart(mlp, train);
    expect(native.mlpCountResult(mlp, Infinity)).toEqual([native.mlpEvaluate(mlp, train, 0, data.train.count)]);
  });
});
