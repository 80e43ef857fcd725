import { describe, expect, it } from 'vitest';
import { loadMnist } from '../services/mnist';
import type { NativeAddon, SimdLevel } from './native-addon';
import { loadNativeAddon, nativeBackendAvailable } from './native-loader';

/**
 * Where the SIMD level has the kernels (AVX-512), a step of up to 256 rows lists its batch by pixel
 * while it sums the first layer, and the weight gradient sums each pixel's rows in registers from
 * those lists (kernels/mlp_kernels.h, PixelLists). A trainer made for more than 256 rows has no
 * lists and takes the gradient row by row. On the same batches both must give the same weights, bit
 * for bit: the lists keep each pixel's rows in ascending order, as the row-by-row kernel adds them,
 * and a pixel lit in no row of a step has its row copied to the other weight set unless that set
 * holds it already (GradientOut::same).
 */
describe.runIf(nativeBackendAvailable())('a training step with its batch listed by pixel', () => {
  const { train } = loadMnist();
  const levels: SimdLevel[] = ['scalar', 'avx2', 'avx512'];

  // The training set, then a blank image and one lit only in its top rows (no entries in the upper
  // half of the pixels): a batch row without entries in a half has sums the listing kernel never
  // writes, which must still be zero. Then images for the listing kernel's entries (StepEntries:
  // two bytes an entry in groups of 256 pixels, each group ended by a zero entry): one lit only in
  // the last, short group; one at each group's first and last pixel (values 1 and 255); one lit at
  // pixels 10 and 700 only (two groups empty between); one with every pixel lit; and one lit just
  // either side of the split of the pixels into halves (the split falls inside a group).
  const { splitPixel } = (() => {
    const native = loadNativeAddon();
    return native.imageSetInfo(native.imageSetCreate(train.images, train.labels, 784));
  })();
  const extra = [
    [],
    Array.from({ length: 30 }, (_, k) => [30 + k, 200]),
    Array.from({ length: 16 }, (_, k) => [768 + k, 90 + k]),
    [0, 255, 256, 511, 512, 767, 768, 783].map((pixel, k) => [pixel, k % 2 === 0 ? 1 : 255]),
    [[10, 128], [700, 64]],
    Array.from({ length: 784 }, (_, k) => [k, 1 + (k % 255)]),
    [[splitPixel - 1, 77], [splitPixel, 177]],
  ];
  const images = new Uint8Array(train.images.length + extra.length * 784);
  images.set(train.images);
  extra.forEach((lit, e) => lit.forEach(([pixel, value]) => (images[train.images.length + e * 784 + pixel] = value)));
  const labels = Uint8Array.from([...train.labels, ...extra.map((_, e) => e % 10)]);
  const blank = train.count;
  const topOnly = train.count + 1;
  const everyPixel = extra.findIndex((lit) => lit.length === 784);

  function trainWeights(native: NativeAddon, hidden: number, optimizer: string, batchSize: number, rows: number): Float32Array {
    let seed = 11;
    const uniform = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const params = Float32Array.from({ length: 784 * hidden + hidden + hidden * 10 + 10 }, () => (uniform() - 0.5) * 0.02);
    const mlp = native.mlpCreate(Int32Array.from([784, hidden, 10]), Int32Array.from([1, 0]), optimizer, 0.1, batchSize, params, new Float32Array(2));
    const set = native.imageSetCreate(images, labels, 784);
    // The image lit either side of the split still has it there.
    expect(native.imageSetInfo(set).splitPixel).toBe(splitPixel);
    const indices = new Int32Array(rows);
    for (let step = 0; step < 12; step++) {
      // Rows drawn with repeats, as the chapter draws: an image twice in a batch is two rows of it.
      for (let r = 0; r < rows; r++) indices[r] = Math.floor(uniform() * train.count);
      indices[rows - 1] = indices[0];
      indices[step % rows] = blank;
      indices[(step + 5) % rows] = topOnly;
      // The image with every pixel lit in one step only: pixels lit in no row of a step must be too.
      for (let e = 2; e < extra.length; e++) if (e !== everyPixel || step === 4) indices[(step + 5 + 3 * e) % rows] = train.count + e;
      expect(Number.isFinite(native.mlpStep(mlp, set, indices, Infinity))).toBe(true);
    }
    const weights = new Float32Array(params.length);
    native.mlpWeights(mlp, weights, false);
    // Real training: most of the first layer's weights moved.
    expect(weights.filter((w, i) => w !== params[i]).length).toBeGreaterThan(params.length / 2);
    return weights;
  }

  // 50 units use a quarter of W's last vector, 40 a half, 64 all of it, 16 one vector; 256 rows is
  // the most a list entry holds (its row in a byte); plain SGD updates the weights in the gradient
  // kernel, momentum takes the gradient itself.
  it.each([
    [50, 'sgd', 100],
    [50, 'momentum', 100],
    [40, 'sgd', 100],
    [64, 'adam', 37],
    [16, 'sgd', 256],
  ])('gives the weights of the row-by-row gradient for %i hidden units, %s, %i rows, at every SIMD level', (hidden, optimizer, rows) => {
    const native = loadNativeAddon();
    const original = native.simdLevel();
    try {
      for (const level of levels) {
        if (native.setSimdLevel(level) !== level) continue;
        const listed = trainWeights(native, hidden, optimizer, rows, rows);
        const rowByRow = trainWeights(native, hidden, optimizer, 257, rows);
        const differing = listed.findIndex((w, i) => !Object.is(w, rowByRow[i]));
        expect(differing, `${level}: weight ${differing}`).toBe(-1);
      }
    } finally {
      native.setSimdLevel(original);
    }
  });
});
