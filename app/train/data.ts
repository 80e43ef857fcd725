/** MNIST as the trainer needs it: uint8 pixels (count × 784) and class ids, loaded by main/services. */
export interface MnistSplitData {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface MnistData {
  readonly train: MnistSplitData;
  readonly test: MnistSplitData;
}

export { MNIST_CLASSES as CLASSES, MNIST_PIXELS as PIXELS } from '../ops/mnist-batch';
