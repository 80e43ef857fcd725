import { createRandom } from '../tensor/random';
import type { MnistData, MnistSplitData } from '../mnist';

/**
 * A tiny MNIST-shaped data set that a two-layer net learns in a few hundred iterations: class c
 * lights a band of 70 pixels starting at 70·c, over a sprinkling of noise pixels.
 */
function makeSplit(count: number, seed: number): MnistSplitData {
  const random = createRandom(seed);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const label = random.below(10);
    labels[n] = label;
    for (let p = 0; p < 70; p++) images[n * 784 + label * 70 + p] = 150 + random.below(106);
    for (let k = 0; k < 40; k++) images[n * 784 + random.below(784)] = random.below(256);
  }
  return { images, labels, count };
}

export function syntheticMnist(trainCount = 600, testCount = 200): MnistData {
  return { train: makeSplit(trainCount, 1), test: makeSplit(testCount, 2) };
}
