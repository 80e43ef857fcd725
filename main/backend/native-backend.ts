import type { Backend } from '../../app/tensor/backend';
import { planBroadcast } from '../../app/tensor/broadcast';
import { planMatmul } from '../../app/tensor/matmul-shape';
import { requireParamShape, requireSameShape, requireSumsTo, rowsAndCols, scoreRowsAndCols } from '../../app/tensor/kernel-arguments';
import { sameShape, sizeOf, type FloatArray, type Tensor } from '../../app/tensor/tensor';
import { loadNativeAddon } from './native-loader';
import { createNativeMlpTrainer, NATIVE_FUSED_ACTIVATIONS } from './native-mlp';

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
    fusedActivations: NATIVE_FUSED_ACTIVATIONS,

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
      requireSumsTo(g, shape);
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
      requireParamShape('sgdUpdate', param, { grad });
      if (param.data.length === 0) return;
      inPlace([param], ([p]) => native.sgdUpdate(p, f32(grad.data), lr));
    },

    momentumUpdate(param, grad, velocity, lr, momentum) {
      requireParamShape('momentumUpdate', param, { grad, velocity });
      if (param.data.length === 0) return;
      inPlace([param, velocity], ([p, v]) => native.momentumUpdate(p, f32(grad.data), v, lr, momentum));
    },

    adagradUpdate(param, grad, h, lr) {
      requireParamShape('adagradUpdate', param, { grad, h });
      if (param.data.length === 0) return;
      inPlace([param, h], ([p, hv]) => native.adagradUpdate(p, f32(grad.data), hv, lr));
    },

    adamUpdate(param, grad, m, v, lr, beta1, beta2, step) {
      requireParamShape('adamUpdate', param, { grad, m, v });
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
      const [, cols] = scoreRowsAndCols(scores, labels);
      if (scores.data.length === 0) return 0;
      return native.countCorrect(f32(scores.data), labels, cols);
    },
  };
}
