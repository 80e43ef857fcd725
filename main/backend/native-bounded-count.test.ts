import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../services/mnist';
import type { ImageSetHandle, MlpHandle, NativeAddon, SimdLevel } from './native-addon';
import { loadNativeAddon, nativeBackendAvailable } from './native-loader';

/**
 * Where the CPU has AVX-512's integer dot products (VNNI), a whole set's accuracy count for a net
 * with one hidden ReLU layer runs in integers first, with a bound on how far those scores lie from
 * the float ones (kernels/bounded_count.h); the images the bound leaves open are counted in floats.
 * The count must be the float count, image for image: the same confusion as counting image by
 * image, which never takes that path.
 */
describe.runIf(nativeBackendAvailable())('the bounded accuracy count', () => {
  const { train, test } = loadMnist();
  const levels: SimdLevel[] = ['scalar', 'avx2', 'avx512'];
  const hasVnni = existsSync('/proc/cpuinfo') && readFileSync('/proc/cpuinfo', 'utf8').includes('avx512_vnni');

  function seeded(seed: number) {
    return () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
  }

  /** A net trained 200 steps on MNIST: its scores have the margins of a net that learned something. */
  function trained(native: NativeAddon, hidden: number, pixels = 784, edit?: (params: Float32Array) => void) {
    const uniform = seeded(hidden);
    const params = Float32Array.from({ length: pixels * hidden + hidden + hidden * 10 + 10 }, () => (uniform() - 0.5) * 0.1);
    const mlp = native.mlpCreate(Int32Array.from([pixels, hidden, 10]), Int32Array.from([1, 0]), 'sgd', 0.1, 100, params, new Float32Array(2));
    const set = native.imageSetCreate(cropped(train.images, pixels), train.labels, pixels);
    const indices = new Int32Array(100);
    for (let step = 0; step < 200; step++) {
      for (let r = 0; r < 100; r++) indices[r] = Math.floor(uniform() * train.count);
      native.mlpStep(mlp, set, indices, Infinity);
    }
    const weights = new Float32Array(params.length);
    native.mlpWeights(mlp, weights, false);
    edit?.(weights);
    return native.mlpCreate(Int32Array.from([pixels, hidden, 10]), Int32Array.from([1, 0]), 'sgd', 0.1, 100, weights, new Float32Array(2));
  }

  /** Each image's first `pixels` pixels. */
  function cropped(images: Uint8Array, pixels: number): Uint8Array {
    if (pixels === 784) return images;
    const out = new Uint8Array((images.length / 784) * pixels);
    for (let i = 0; i < images.length / 784; i++) out.set(images.subarray(i * 784, i * 784 + pixels), i * pixels);
    return out;
  }

  /** The confusion of the whole set in one call, and image by image in ragged parts. */
  function confusions(native: NativeAddon, mlp: MlpHandle, set: ImageSetHandle, count: number) {
    const whole = new Int32Array(100);
    const parts = new Int32Array(100);
    const correct = native.mlpEvaluate(mlp, set, 0, count, whole);
    let partsCorrect = 0;
    for (let start = 0; start < count; start += 37) partsCorrect += native.mlpEvaluate(mlp, set, start, Math.min(37, count - start), parts);
    return { correct, partsCorrect, whole, parts };
  }

  function atEachLevel(native: NativeAddon, body: (level: SimdLevel) => void) {
    const original = native.simdLevel();
    try {
      for (const level of levels) if (native.setSimdLevel(level) === level) body(level);
    } finally {
      native.setSimdLevel(original);
    }
  }

  /**
   * At each level, on the test split: the method the level takes (at AVX-512 `atAvx512`, or pairs
   * for bounded on a CPU without VNNI), and the same confusion as image by image.
   */
  function expectFloatCount(native: NativeAddon, mlp: MlpHandle, pixels: number, atAvx512: 'bounded' | 'pairs' | 'images') {
    atEachLevel(native, (level) => {
      const set = native.imageSetCreate(cropped(test.images, pixels), test.labels, pixels);
      const method = native.mlpCountMethod(mlp, set);
      if (level !== 'avx512') expect(method, level).toBe('images');
      else expect(method, level).toBe(atAvx512 === 'bounded' && !hasVnni ? 'pairs' : atAvx512);
      const c = confusions(native, mlp, set, test.count);
      expect(c.whole.reduce((a, b) => a + b, 0), level).toBe(test.count);
      expect(c.correct, level).toBe(c.partsCorrect);
      expect(c.whole, level).toEqual(c.parts);
    });
  }

  // 50 units use 2 lanes of their last vector of 16, 40 use 8, 30 and 64 all 16, 20 use 4 of a
  // second vector, 3 a part of the only one.
  it.each([50, 40, 30, 64, 20, 3])('counts as image by image for %i hidden units, at every SIMD level', (hidden) => {
    const native = loadNativeAddon();
    const mlp = trained(native, hidden);
    expectFloatCount(native, mlp, 784, 'bounded');
  });

  it('counts as image by image with an odd pixel count (the last pair half dark)', () => {
    const native = loadNativeAddon();
    expectFloatCount(native, trained(native, 50, 783), 783, 'bounded');
  });

  it('leaves ties and near ties to the float count, which takes the first of equal scores', () => {
    const native = loadNativeAddon();
    // Class 8's scores: class 3's exactly (a tie wherever 3 and 8 lead), and class 5's a hair
    // above class 2's (their order is the float count's to tell).
    const mlp = trained(native, 50, 784, (weights) => {
      const second = 784 * 50 + 50;
      for (let j = 0; j <= 50; j++) {
        const at = j < 50 ? second + j * 10 : second + 500;
        weights[at + 8] = weights[at + 3];
        weights[at + 5] = weights[at + 2] * (1 + 2 ** -22);
      }
    });
    expectFloatCount(native, mlp, 784, 'bounded');
    const set = native.imageSetCreate(test.images, test.labels, 784);
    const whole = new Int32Array(100);
    native.mlpEvaluate(mlp, set, 0, test.count, whole);
    // No image is taken for an 8: the tie goes to the 3 before it.
    expect(Array.from({ length: 10 }, (_, actual) => whole[actual * 10 + 8]).every((n) => n === 0)).toBe(true);
  });

  it('counts in floats where a weight is not finite', () => {
    const native = loadNativeAddon();
    const mlp = trained(native, 50, 784, (weights) => {
      weights[75 * 50] = Infinity;
    });
    // Nor by pairs: 0 · ∞ would spoil the dark image of a pair.
    expectFloatCount(native, mlp, 784, 'images');
  });

  it('counts in floats for a sigmoid hidden layer (the bound holds for ReLU)', () => {
    const native = loadNativeAddon();
    const params = Float32Array.from({ length: 784 * 50 + 50 + 500 + 10 }, seeded(3)).map((x) => (x - 0.5) * 0.2);
    const mlp = native.mlpCreate(Int32Array.from([784, 50, 10]), Int32Array.from([2, 0]), 'sgd', 0.1, 100, params, new Float32Array(2));
    expectFloatCount(native, mlp, 784, 'pairs');
  });

  it('gives the count on the kernel thread the float count', () => {
    const native = loadNativeAddon();
    const mlp = trained(native, 50);
    const sets = [train, test].map((split) => native.imageSetCreate(split.images, split.labels, 784));
    const expected = [train, test].map((split, s) => {
      let correct = 0;
      for (let start = 0; start < split.count; start += 1000) correct += native.mlpEvaluate(mlp, sets[s], start, Math.min(1000, split.count - start));
      return correct;
    });
    native.mlpCountStart(mlp, ...sets);
    expect(native.mlpCountResult(mlp, Infinity)).toEqual(expected);
  });
});
