import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../../app/train/synthetic-mnist.test-helpers';
import type { MlpHandle, NativeAddon, SimdLevel } from './native-addon';
import { loadNativeAddon, nativeBackendAvailable } from './native-loader';

/**
 * A whole set's accuracy count runs by pairs of images (kernels/image_pairs.h) where the SIMD level
 * has a kernel for them; a part of a set, image by image. Both must classify every image alike.
 * The nets here have a sigmoid hidden layer: a ReLU net's whole set is counted in integers first
 * where the CPU can (native-bounded-count.test.ts).
 */
// 30 hidden units leave most of W's last vector in use; 50 leave two lanes of it, which the pair
// kernel sums for both images in one register.
describe.runIf(nativeBackendAvailable()).each([30, 50])('the accuracy count by pairs of images, %i hidden units', (hidden) => {
  const levels: SimdLevel[] = ['scalar', 'avx2', 'avx512'];

  function trainer(native: NativeAddon, edit?: (params: Float32Array) => void): MlpHandle {
    let seed = 5;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.2;
    const params = Float32Array.from({ length: 784 * hidden + hidden + hidden * 10 + 10 }, random);
    edit?.(params);
    return native.mlpCreate(Int32Array.from([784, hidden, 10]), Int32Array.from([2, 0]), 'sgd', 0.1, 100, params, new Float32Array(2));
  }

  /** The confusion of the whole set in one call, and image by image in ragged parts. */
  function confusions(native: NativeAddon, mlp: MlpHandle, images: Uint8Array, labels: Uint8Array) {
    const set = native.imageSetCreate(images, labels, 784);
    const whole = new Int32Array(100);
    const parts = new Int32Array(100);
    const count = labels.length;
    const correct = native.mlpEvaluate(mlp, set, 0, count, whole);
    let partsCorrect = 0;
    for (let start = 0; start < count; start += 37) partsCorrect += native.mlpEvaluate(mlp, set, start, Math.min(37, count - start), parts);
    return { correct, partsCorrect, whole, parts, count };
  }

  function atEachLevel(body: (level: SimdLevel) => void) {
    const native = loadNativeAddon();
    const original = native.simdLevel();
    try {
      for (const level of levels) if (native.setSimdLevel(level) === level) body(level);
    } finally {
      native.setSimdLevel(original);
    }
  }

  it('counts and confuses a set of an odd count (its last image alone) as image by image does', () => {
    const native = loadNativeAddon();
    const { train } = syntheticMnist(2999, 1);
    const mlp = trainer(native);
    atEachLevel((level) => {
      if (level === 'avx512') expect(native.mlpCountMethod(mlp, native.imageSetCreate(train.images, train.labels, 784))).toBe('pairs');
      const c = confusions(native, mlp, train.images, train.labels);
      expect(c.whole.reduce((a, b) => a + b, 0), level).toBe(2999);
      expect(c.correct, level).toBe(c.partsCorrect);
      expect(c.whole, level).toEqual(c.parts);
    });
  });

  it('counts a set of one image', () => {
    const native = loadNativeAddon();
    const { train } = syntheticMnist(1, 1);
    const mlp = trainer(native);
    atEachLevel((level) => {
      const c = confusions(native, mlp, train.images, train.labels);
      expect(c.whole.reduce((a, b) => a + b, 0), level).toBe(1);
      expect(c.whole, level).toEqual(c.parts);
    });
  });

  it('counts image by image when W holds an infinity (0 · ∞ would spoil the dark image of a pair)', () => {
    const native = loadNativeAddon();
    const { train } = syntheticMnist(2000, 1);
    // Pixel 75 lies in class 1's band: lit in a tenth of the images. Unit 0 is +∞ in those; in the
    // others its bias makes it the one unit that counts, and it votes for class 3.
    const mlp = trainer(native, (params) => {
      params[75 * hidden] = Infinity;
      params[784 * hidden] = 5;
      for (let j = 0; j < 10; j++) params[784 * hidden + hidden + j] = j === 3 ? 10 : 0;
    });
    atEachLevel((level) => {
      const c = confusions(native, mlp, train.images, train.labels);
      expect(c.whole, level).toEqual(c.parts);
      // The images dark at pixel 75 are all taken for a 3 (image by image, unit 0 is finite there).
      const predictedThree = Array.from({ length: 10 }, (_, actual) => c.whole[actual * 10 + 3]).reduce((a, b) => a + b, 0);
      expect(predictedThree, level).toBeGreaterThan(0.75 * c.count);
    });
  });

  it('gives the count on the kernel thread the result of a count image by image', () => {
    const native = loadNativeAddon();
    const { train, test } = syntheticMnist(3001, 999);
    const mlp = trainer(native);
    atEachLevel((level) => {
      const expected = [train, test].map((split) => confusions(native, mlp, split.images, split.labels).partsCorrect);
      const sets = [train, test].map((split) => native.imageSetCreate(split.images, split.labels, 784));
      native.mlpCountStart(mlp, ...sets);
      expect(native.mlpCountResult(mlp, Infinity), level).toEqual(expected);
    });
  });
});
