/** The addon's own types: build/Release/bpstudio_native.node as TypeScript sees it (main/native/addon.cc). */

export type SimdLevel = 'avx512' | 'avx2' | 'scalar';

/**
 * The raw exports of build/Release/bpstudio_native.node. Every function checks its arguments and
 * throws a TypeError or RangeError naming the bad one; outputs are written into `out` arrays the
 * caller allocates. Dimensions are positive integers and arrays non-empty: empty tensors are
 * handled by the Backend below without calling the addon.
 */
export interface NativeAddon {
  version(): string;
  /** The SIMD level in use: 'avx512' | 'avx2' | 'scalar' (BPSTUDIO_SIMD lowers it at load). */
  simdLevel(): SimdLevel;
  supportedSimdLevel(): SimdLevel;
  /** Sets the level in use (lowered to what the CPU supports); returns the level set. */
  setSimdLevel(level: SimdLevel): SimdLevel;
  /** Threads a large kernel uses, the caller's included (BPSTUDIO_THREADS overrides). */
  threadCount(): number;

  /** out (m×n) = op(a) · op(b); a is m×k (k×m when transA), b is k×n (n×k when transB). */
  matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, n: number, k: number, transA?: boolean, transB?: boolean): void;
  /** Which path matmul would take: 'sparse' when at least half of a is zeros, 'rows' when n ≤ 16, else 'dense'. */
  matmulPath(a: Float32Array, b: Float32Array, out: Float32Array, m: number, n: number, k: number, transA?: boolean, transB?: boolean): 'sparse' | 'rows' | 'dense';

  /** out = a + b, b holding a.length values, cols (a row vector over the rows of a) or 1. */
  add(a: Float32Array, b: Float32Array, out: Float32Array, cols: number): void;
  mul(a: Float32Array, b: Float32Array, out: Float32Array, cols: number): void;
  /** out[c] = Σ_r g[r, c]. */
  sumRows(g: Float32Array, out: Float32Array, rows: number, cols: number): void;
  sumAll(g: Float32Array): number;
  scale(a: Float32Array, s: number, out: Float32Array): void;
  exp(x: Float32Array, out: Float32Array): void;
  reciprocal(x: Float32Array, out: Float32Array): void;
  relu(x: Float32Array, out: Float32Array): void;
  reluBackward(dout: Float32Array, x: Float32Array, out: Float32Array): void;
  sigmoid(x: Float32Array, out: Float32Array): void;
  sigmoidBackward(dout: Float32Array, y: Float32Array, out: Float32Array): void;

  softmax(x: Float32Array, out: Float32Array, cols: number): void;
  crossEntropy(y: Float32Array, t: Float32Array, cols: number): number;
  softmaxCrossEntropyBackward(y: Float32Array, t: Float32Array, dout: number, out: Float32Array, cols: number): void;

  sgdUpdate(param: Float32Array, grad: Float32Array, lr: number): void;
  momentumUpdate(param: Float32Array, grad: Float32Array, velocity: Float32Array, lr: number, momentum: number): void;
  adagradUpdate(param: Float32Array, grad: Float32Array, h: Float32Array, lr: number): void;
  adamUpdate(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, lr: number, beta1: number, beta2: number, step: number): void;

  /** Fills x (indices.length × pixels, /255) and t (indices.length × classes, one-hot). */
  gatherBatch(images: Uint8Array, labels: Uint8Array, pixels: number, classes: number, indices: Int32Array, x: Float32Array, t: Float32Array): void;
  countCorrect(scores: Float32Array, labels: Uint8Array, cols: number): number;
  /**
   * Makes glibc keep freed blocks for reuse (raised mmap and trim thresholds) instead of mapping and
   * faulting fresh pages for every result array; true when applied (glibc only).
   */
  tuneAllocator(): boolean;

  /**
   * A fused MLP training kernel (kernels/mlp.h) holding its weights, optimizer state and scratch.
   * sizes: layers + 1 widths; activations: per layer 0 none, 1 relu, 2 sigmoid, 3 tanh, 4 leaky relu;
   * params: W0, b0, W1, b1, …; slopes: per layer, a leaky relu's slope for z ≤ 0 (ignored by the others).
   */
  mlpCreate(sizes: Int32Array, activations: Int32Array, optimizer: string, learningRate: number, batchSize: number, params: Float32Array, slopes: Float32Array): MlpHandle;
  /**
   * A copy of images (labels.length × pixels, pixels ≤ 65536) and labels with each image's nonzero
   * pixels listed once (kernels/image_set.h), for mlpStep and mlpEvaluate.
   */
  imageSetCreate(images: Uint8Array, labels: Uint8Array, pixels: number): ImageSetHandle;
  /**
   * What a set holds: its images, their pixels, their lit pixels in all, the pixel that halves
   * those, and the sums of the listed pixel indices and values.
   */
  imageSetInfo(set: ImageSetHandle): { count: number; pixels: number; entries: number; splitPixel: number; pixelSum: number; valueSum: number };
  /**
   * One step on images `indices` of the set; the loss. The update is skipped when the loss is not
   * finite or above maxLoss. `next`, the next step's images (checked as indices), are only loaded
   * toward the cache at the end of the step.
   */
  mlpStep(trainer: MlpHandle, images: ImageSetHandle, indices: Int32Array, maxLoss: number, next?: Int32Array): number;
  /**
   * Images [start, start + count) of the set (within it) the current weights classify right; adds to
   * confusion ([actual][predicted], classes²) when given.
   */
  mlpEvaluate(trainer: MlpHandle, images: ImageSetHandle, start: number, count: number, confusion?: Int32Array): number;
  /**
   * How a count of the whole set with the current weights runs: in integers with an error bound
   * (kernels/bounded_count.h), by pairs of images, or one image at a time. All give the same count.
   */
  mlpCountMethod(trainer: MlpHandle, images: ImageSetHandle): 'bounded' | 'pairs' | 'images';
  /**
   * Starts counting, beside the steps (on the thread pool's worker), the images of each set the current weights
   * classify right (a copy of them is taken now), while steps go on. One count at a time.
   */
  mlpCountStart(trainer: MlpHandle, ...sets: ImageSetHandle[]): void;
  /**
   * The started count's results, one per set, once it is done, waiting up to waitMilliseconds
   * (Infinity: until it is done); undefined if it still runs then. The count is over once they are returned.
   */
  mlpCountResult(trainer: MlpHandle, waitMilliseconds: number): number[] | undefined;
  /** Cancels the started count, if any. */
  mlpCountStop(trainer: MlpHandle): void;
  /** Copies the current weights (or those before the last update) into out. */
  mlpWeights(trainer: MlpHandle, out: Float32Array, previous?: boolean): void;
}

/** An opaque handle (a Node-API external) to a native MLP trainer. */
export type MlpHandle = { readonly __mlpHandle: unique symbol };
/** An opaque handle (a Node-API external) to a native image set. */
export type ImageSetHandle = { readonly __imageSetHandle: unique symbol };
