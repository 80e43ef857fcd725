import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultMnistDir } from '../services/mnist';
import { nativeAddonPath } from './native-loader';

// A process that trains the chapter's net on real MNIST for some steps and prints a hash of the
// weights. BPSTUDIO_THREADS is read once per process, hence one process per thread count. With two
// threads the step's task count is chosen by the clock (kernels/task_count_chooser.h): the first
// 8 steps of a cycle run on one task and the next 8 on two, so 40 steps run both.
const TRAIN = `
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const addon = require(process.env.ADDON_PATH);
const dir = process.env.MNIST_DIR;
const images = readFileSync(join(dir, 'train-images-idx3-ubyte')).subarray(16);
const labels = readFileSync(join(dir, 'train-labels-idx1-ubyte')).subarray(8);
const set = addon.imageSetCreate(images, labels, 784);
let seed = 12345;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const sizes = JSON.parse(process.env.SIZES);
let count = 0;
for (let l = 0; l + 1 < sizes.length; l++) count += sizes[l] * sizes[l + 1] + sizes[l + 1];
const params = Float32Array.from({ length: count }, () => (random() - 0.5) * 0.02);
const activations = Int32Array.from(sizes.slice(1), (_, l) => (l + 2 < sizes.length ? 1 : 0));
const mlp = addon.mlpCreate(Int32Array.from(sizes), activations, 'sgd', 0.1, 100, params, new Float32Array(sizes.length - 1));
const indices = new Int32Array(100);
for (let i = 0; i < 40; i++) {
  for (let r = 0; r < 100; r++) indices[r] = Math.floor(random() * 60000);
  addon.mlpStep(mlp, set, indices, Infinity);
}
const weights = new Float32Array(params.length);
addon.mlpWeights(mlp, weights, false);
const changed = weights.filter((w, i) => w !== params[i]).length;
process.stdout.write(changed + ' ' + Buffer.from(weights.buffer).toString('base64'));
`;

function weightsHash(threads: number, sizes: readonly number[]): string {
  const result = spawnSync(process.execPath, ['-e', TRAIN], {
    env: { ...process.env, ADDON_PATH: nativeAddonPath(), MNIST_DIR: defaultMnistDir(), BPSTUDIO_THREADS: String(threads), SIZES: JSON.stringify(sizes) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  const [changed, weights] = result.stdout.split(' ');
  // Real training: most weights moved (W1's rows of pixels never lit stay put).
  expect(Number(changed)).toBeGreaterThan(Buffer.from(weights, 'base64').length / 4 / 2);
  return createHash('sha256').update(weights).digest('hex');
}

describe('a training step on one thread or two', () => {
  // The chapter's net; one with two hidden layers (the layers above the second have one task's
  // role, the second's weight gradient is shared out by its input units); one with none.
  it.each([[[784, 50, 10]], [[784, 30, 20, 10]], [[784, 10]]])(
    'gives the same weights for %j, bit for bit (the first layer is summed by halves of the pixels either way)',
    (sizes) => {
      expect(weightsHash(2, sizes)).toBe(weightsHash(1, sizes));
    },
    120_000,
  );
});
