/** MNIST as the whole app knows it: sizes and the in-memory form main/services/mnist.ts loads. One home. */
export const MNIST_PIXELS = 28 * 28;
export const MNIST_CLASSES = 10;
export const MNIST_SPLIT_SIZES = { train: 60_000, test: 10_000 } as const;
export type MnistSplitName = keyof typeof MNIST_SPLIT_SIZES;
export const MNIST_SPLITS = Object.keys(MNIST_SPLIT_SIZES) as readonly MnistSplitName[];

/** One split: count × 784 uint8 pixels (row-major, 0 = background) and count class ids 0..9. */
export interface MnistSplitData {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface MnistData {
  readonly train: MnistSplitData;
  readonly test: MnistSplitData;
}
