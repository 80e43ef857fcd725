import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Backend } from '../../app/tensor/backend';
import { canSumTo, planBroadcast } from '../../app/tensor/broadcast';
import { planMatmul } from '../../app/tensor/matmul-shape';
import { formatShape, sameShape, sizeOf, type FloatArray, type Tensor } from '../../app/tensor/tensor';
import type { MnistSplitData } from '../../app/mnist';
import type { MlpActivation, MlpTrainer, MlpTrainerOptions } from '../../app/tensor/mlp-kernel';
import { packageRoot } from '../paths';

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
   * sizes: layers + 1 widths; activations: per layer 0 none, 1 relu, 2 sigmoid; params: W0, b0, W1, b1, …
   */
  mlpCreate(sizes: Int32Array, activations: Int32Array, optimizer: string, learningRate: number, batchSize: number, params: Float32Array): MlpHandle;
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
  /** One step on images `indices` of the set; the loss. The update is skipped when the loss is not finite or above maxLoss. */
  mlpStep(trainer: MlpHandle, images: ImageSetHandle, indices: Int32Array, maxLoss: number): number;
  /** Images of the set the current weights classify right; adds to confusion ([actual][predicted], classes²) when given. */
  mlpEvaluate(trainer: MlpHandle, images: ImageSetHandle, confusion?: Int32Array): number;
  /** Copies the current weights (or those before the last update) into out. */
  mlpWeights(trainer: MlpHandle, out: Float32Array, previous?: boolean): void;
}

/** An opaque handle (a Node-API external) to a native MLP trainer. */
export type MlpHandle = { readonly __mlpHandle: unique symbol };
/** An opaque handle (a Node-API external) to a native image set. */
export type ImageSetHandle = { readonly __imageSetHandle: unique symbol };

/** The activations mlp.cc implements; the Backend declares them, so the trainer runs others op by op. */
const ACTIVATION_CODES: Readonly<Partial<Record<MlpActivation, number>>> = { none: 0, relu: 1, sigmoid: 2 };

/** The MLP kernel on the addon: one call per step, weights copied out only when asked for. */
function createNativeMlpTrainer(native: NativeAddon, options: MlpTrainerOptions): MlpTrainer {
  const { spec, params } = options;
  const flat = new Float32Array(params.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of params) {
    flat.set(p, offset);
    offset += p.length;
  }
  const handle = native.mlpCreate(
    Int32Array.from(spec.sizes),
    Int32Array.from(spec.activations, (a) => ACTIVATION_CODES[a] ?? -1),
    options.optimizer,
    options.learningRate,
    options.batchSize,
    flat,
  );
  // Each split's lit pixels are listed once per trainer (the splits' arrays do not change during a run).
  const sets = new WeakMap<MnistSplitData, ImageSetHandle>();
  const imageSet = (split: MnistSplitData): ImageSetHandle => {
    let set = sets.get(split);
    if (!set) {
      set = native.imageSetCreate(split.images, split.labels, spec.sizes[0]);
      sets.set(split, set);
    }
    return set;
  };
  const train = imageSet(options.train);
  return {
    step: (indices, maxLoss) => native.mlpStep(handle, train, indices, maxLoss),
    evaluate: (split, confusion) => native.mlpEvaluate(handle, imageSet(split), confusion),
    weights(previous = false) {
      native.mlpWeights(handle, flat, previous);
      let at = 0;
      return params.map((p) => {
        const copy = flat.slice(at, at + p.length);
        at += p.length;
        return copy;
      });
    },
  };
}

export type SimdLevel = 'avx512' | 'avx2' | 'scalar';

export function nativeAddonPath(): string {
  return join(packageRoot(), 'build', 'Release', 'bpstudio_native.node');
}

let loaded: NativeAddon | undefined;

/** Loads the addon once (Node and Electron alike: it is a Node-API module). */
export function loadNativeAddon(): NativeAddon {
  if (loaded) return loaded;
  const path = nativeAddonPath();
  if (!existsSync(path)) throw new Error(`the native backend is not built: run npm install (missing ${path})`);
  const require = createRequire(import.meta.url);
  loaded = require(path) as NativeAddon;
  return loaded;
}

export function nativeBackendAvailable(): boolean {
  try {
    loadNativeAddon();
    return true;
  } catch {
    return false;
  }
}

/** The kernels' float32 view of a tensor's data: Float64Array data is converted (a copy). */
function f32(data: FloatArray): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}

/**
 * An output array the kernel overwrites completely: its memory is not zeroed first (zeroing a
 * 313 KB batch on every step cost as much as the arithmetic). Only for kernels that write every
 * element; anything else uses `new Float32Array`.
 */
function output(length: number): Float32Array {
  if (length === 0) return new Float32Array(0);
  return new Float32Array(Buffer.allocUnsafeSlow(length * Float32Array.BYTES_PER_ELEMENT).buffer, 0, length);
}

function tensor(shape: readonly number[], data: Float32Array): Tensor {
  return { shape: [...shape], data };
}

/** Rows and columns of a 1-D (one row) or 2-D tensor. */
function rowsAndCols(t: Tensor, what: string): [number, number] {
  if (t.shape.length === 1) return [1, t.shape[0]];
  if (t.shape.length === 2) return [t.shape[0], t.shape[1]];
  throw new RangeError(`${what} needs a 1-D or 2-D tensor, got shape ${formatShape(t.shape)}`);
}

function requireSameShape(a: Tensor, b: Tensor, what: string, aName: string, bName: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`${what} needs ${aName} and ${bName} of the same shape, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
}

/**
 * Runs an in-place update on float32 views of the tensors; when a tensor holds a Float64Array, the
 * update runs on a float32 copy and the result is written back (rounded to float32).
 */
function inPlace(tensors: readonly Tensor[], update: (views: Float32Array[]) => void): void {
  const views = tensors.map((t) => f32(t.data));
  update(views);
  tensors.forEach((t, i) => {
    if (t.data !== views[i]) t.data.set(views[i]);
  });
}

/**
 * The Backend on the native addon, in float32. Inputs holding Float64Array data are converted to
 * float32 first (a copy); results are always Float32Array tensors. Creating it tunes the process's
 * allocator (see NativeAddon.tuneAllocator).
 */
export function createNativeBackend(): Backend {
  const native = loadNativeAddon();
  // Each kernel returns a fresh array (313 KB per training batch): reusing freed memory halves the
  // cost of a training step on Linux. BPSTUDIO_MALLOC_TUNING=0 keeps the C library's defaults.
  if (process.env.BPSTUDIO_MALLOC_TUNING !== '0') native.tuneAllocator();

  function elementwise(a: Tensor, b: Tensor, what: 'add' | 'mul'): Tensor {
    let shape: readonly number[];
    let kind: string;
    try {
      ({ shape, kind } = planBroadcast(a.shape, b.shape));
    } catch (error) {
      throw new RangeError(`${what}: ${(error as Error).message}`);
    }
    const out = output(sizeOf(shape));
    if (out.length === 0) return tensor(shape, out);
    // add and mul commute exactly in float32, so the broadcast operand always goes second.
    const [big, small] = kind === 'scalarLeft' || kind === 'rowLeft' ? [b, a] : [a, b];
    const cols = shape.length === 2 ? shape[1] : Math.max(1, out.length);
    native[what](f32(big.data), f32(small.data), out, cols);
    return tensor(shape, out);
  }

  function unary(x: Tensor, kernel: 'exp' | 'reciprocal' | 'relu' | 'sigmoid'): Tensor {
    const out = output(x.data.length);
    if (out.length > 0) native[kernel](f32(x.data), out);
    return tensor(x.shape, out);
  }

  function backward(dout: Tensor, forward: Tensor, kernel: 'reluBackward' | 'sigmoidBackward', name: string): Tensor {
    requireSameShape(dout, forward, kernel, 'dout', name);
    const out = output(dout.data.length);
    if (out.length > 0) native[kernel](f32(dout.data), f32(forward.data), out);
    return tensor(dout.shape, out);
  }

  return {
    name: 'native',
    dtype: 'float32',

    createMlpTrainer: (options) => createNativeMlpTrainer(native, options),
    fusedActivations: ['relu', 'sigmoid'],

    matmul(a, b, transA = false, transB = false) {
      const { m, k, n } = planMatmul(a, b, transA, transB);
      if (m === 0 || n === 0 || k === 0) return tensor([m, n], new Float32Array(m * n));
      const out = output(m * n);
      native.matmul(f32(a.data), f32(b.data), out, m, n, k, transA, transB);
      return tensor([m, n], out);
    },

    add: (a, b) => elementwise(a, b, 'add'),
    mul: (a, b) => elementwise(a, b, 'mul'),

    sumTo(g, shape) {
      if (sameShape(g.shape, shape)) return tensor(shape, Float32Array.from(g.data));
      if (!canSumTo(g.shape, shape)) {
        throw new RangeError(`sumTo cannot reduce a gradient of shape ${formatShape(g.shape)} to ${formatShape(shape)}`);
      }
      const out = new Float32Array(sizeOf(shape));
      if (g.data.length === 0) return tensor(shape, out);
      if (shape.length === 0) {
        out[0] = native.sumAll(f32(g.data));
      } else if (out.length > 0) {
        native.sumRows(f32(g.data), out, g.shape[0], out.length);
      }
      return tensor(shape, out);
    },

    scale(a, s) {
      const out = output(a.data.length);
      if (out.length > 0) native.scale(f32(a.data), s, out);
      return tensor(a.shape, out);
    },
    exp: (a) => unary(a, 'exp'),
    reciprocal: (a) => unary(a, 'reciprocal'),

    relu: (x) => unary(x, 'relu'),
    reluBackward: (dout, x) => backward(dout, x, 'reluBackward', 'x'),
    sigmoid: (x) => unary(x, 'sigmoid'),
    sigmoidBackward: (dout, y) => backward(dout, y, 'sigmoidBackward', 'y'),

    softmax(x) {
      const [, cols] = rowsAndCols(x, 'softmax');
      const out = output(x.data.length);
      if (out.length > 0) native.softmax(f32(x.data), out, cols);
      return tensor(x.shape, out);
    },

    crossEntropy(y, t) {
      requireSameShape(y, t, 'crossEntropy', 'y', 't');
      const [rows, cols] = rowsAndCols(y, 'crossEntropy');
      if (y.data.length === 0) return rows === 0 ? NaN : 0;
      return native.crossEntropy(f32(y.data), f32(t.data), cols);
    },

    softmaxCrossEntropyBackward(y, t, dout) {
      requireSameShape(y, t, 'softmaxCrossEntropyBackward', 'y', 't');
      const [, cols] = rowsAndCols(y, 'softmaxCrossEntropyBackward');
      const out = output(y.data.length);
      if (out.length > 0) native.softmaxCrossEntropyBackward(f32(y.data), f32(t.data), dout, out, cols);
      return tensor(y.shape, out);
    },

    sgdUpdate(param, grad, lr) {
      requireSameShape(param, grad, 'sgdUpdate', 'param', 'grad');
      if (param.data.length === 0) return;
      inPlace([param], ([p]) => native.sgdUpdate(p, f32(grad.data), lr));
    },

    momentumUpdate(param, grad, velocity, lr, momentum) {
      requireSameShape(param, grad, 'momentumUpdate', 'param', 'grad');
      requireSameShape(param, velocity, 'momentumUpdate', 'param', 'velocity');
      if (param.data.length === 0) return;
      inPlace([param, velocity], ([p, v]) => native.momentumUpdate(p, f32(grad.data), v, lr, momentum));
    },

    adagradUpdate(param, grad, h, lr) {
      requireSameShape(param, grad, 'adagradUpdate', 'param', 'grad');
      requireSameShape(param, h, 'adagradUpdate', 'param', 'h');
      if (param.data.length === 0) return;
      inPlace([param, h], ([p, hv]) => native.adagradUpdate(p, f32(grad.data), hv, lr));
    },

    adamUpdate(param, grad, m, v, lr, beta1, beta2, step) {
      requireSameShape(param, grad, 'adamUpdate', 'param', 'grad');
      requireSameShape(param, m, 'adamUpdate', 'param', 'm');
      requireSameShape(param, v, 'adamUpdate', 'param', 'v');
      if (param.data.length === 0) return;
      inPlace([param, m, v], ([p, mv, vv]) => native.adamUpdate(p, f32(grad.data), mv, vv, lr, beta1, beta2, step));
    },

    gatherBatch(images, labels, pixels, classes, indices) {
      if (indices.length === 0 || pixels === 0 || classes === 0) {
        return { x: tensor([indices.length, pixels], new Float32Array(0)), t: tensor([indices.length, classes], new Float32Array(0)) };
      }
      const x = output(indices.length * pixels);
      const t = output(indices.length * classes);
      native.gatherBatch(images, labels, pixels, classes, indices, x, t);
      return { x: tensor([indices.length, pixels], x), t: tensor([indices.length, classes], t) };
    },

    countCorrect(scores, labels) {
      const [rows, cols] = rowsAndCols(scores, 'countCorrect');
      if (labels.length !== rows) {
        throw new RangeError(`countCorrect: ${rows} rows of scores ${formatShape(scores.shape)} but ${labels.length} labels`);
      }
      if (scores.data.length === 0) return 0;
      return native.countCorrect(f32(scores.data), labels, cols);
    },
  };
}
