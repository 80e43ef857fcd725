import type { Backend } from './backend';
import { createJsMlpTrainer } from './mlp-js';
import { FUSED_ACTIVATIONS } from './mlp-kernel';
import { planBroadcast, type BroadcastPlan } from './broadcast';
import { planMatmul } from './matmul-shape';
import { requireParamShape, requireSameShape, requireSumsTo, rowsAndCols, scoreRowsAndCols } from './kernel-arguments';
import { allocate, sameShape, sizeOf, type DType, type FloatArray, type Tensor } from './tensor';

/** Every Backend kernel as plain loops over typed arrays; results are in the backend's dtype. */
export function createJsBackend(dtype: DType = 'float64'): Backend {
  const make = (shape: readonly number[]): Tensor => allocate(shape, dtype);

  function elementwise(a: Tensor, b: Tensor, what: string, f: (x: number, y: number) => number): Tensor {
    let plan: BroadcastPlan;
    try {
      plan = planBroadcast(a.shape, b.shape);
    } catch (error) {
      throw new RangeError(`${what}: ${(error as Error).message}`);
    }
    const out = make(plan.shape);
    const o = out.data;
    const x = a.data;
    const y = b.data;
    const n = o.length;
    switch (plan.kind) {
      case 'same':
        for (let i = 0; i < n; i++) o[i] = f(x[i], y[i]);
        break;
      case 'scalarLeft':
        for (let i = 0; i < n; i++) o[i] = f(x[0], y[i]);
        break;
      case 'scalarRight':
        for (let i = 0; i < n; i++) o[i] = f(x[i], y[0]);
        break;
      case 'rowLeft': {
        const cols = x.length;
        for (let i = 0; i < n; i++) o[i] = f(x[i % cols], y[i]);
        break;
      }
      case 'rowRight': {
        const cols = y.length;
        for (let i = 0; i < n; i++) o[i] = f(x[i], y[i % cols]);
        break;
      }
    }
    return out;
  }

  function map(a: Tensor, f: (x: number) => number): Tensor {
    const out = make(a.shape);
    const o = out.data;
    const x = a.data;
    for (let i = 0; i < x.length; i++) o[i] = f(x[i]);
    return out;
  }

  function transpose(t: Tensor, rows: number, cols: number): FloatArray {
    const out = dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    const d = t.data;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = d[r * cols + c];
    return out;
  }

  return {
    name: `js-${dtype}`,
    dtype,
    // The fused kernel computes in float32 like this backend; a float64 backend keeps the op-by-op path.
    ...(dtype === 'float32' ? { createMlpTrainer: createJsMlpTrainer, fusedActivations: FUSED_ACTIVATIONS } : {}),

    matmul(a, b, transA = false, transB = false) {
      const { m, k, n } = planMatmul(a, b, transA, transB);
      const aCols = a.shape[1];
      const [bRows, bCols] = b.shape;
      const out = make([m, n]);
      const c = out.data;
      const A = a.data;
      // op(A)[i, p] sits at A[i * strideI + p * strideP]; B is made row-major [k, n] so the inner j loop is contiguous.
      const strideI = transA ? 1 : aCols;
      const strideP = transA ? aCols : 1;
      const B = transB ? transpose(b, bRows, bCols) : b.data;
      for (let i = 0; i < m; i++) {
        const rowOffset = i * n;
        for (let p = 0; p < k; p++) {
          const aip = A[i * strideI + p * strideP];
          // MNIST pixels are mostly 0: skipping them gives the same sums (for finite B) at a fraction of the work.
          if (aip === 0) continue;
          const bOffset = p * n;
          for (let j = 0; j < n; j++) c[rowOffset + j] += aip * B[bOffset + j];
        }
      }
      return out;
    },

    add: (a, b) => elementwise(a, b, 'add', (x, y) => x + y),
    mul: (a, b) => elementwise(a, b, 'mul', (x, y) => x * y),

    sumTo(g, shape) {
      if (sameShape(g.shape, shape)) return map(g, (x) => x);
      const out = make(shape);
      const o = out.data;
      const d = g.data;
      if (shape.length === 0) {
        let total = 0;
        for (let i = 0; i < d.length; i++) total += d[i];
        o[0] = total;
        return out;
      }
      requireSumsTo(g, shape);
      // What is left is a row vector [C] or [1, C] broadcast over the rows of [N, C].
      const cols = sizeOf(shape);
      for (let i = 0; i < d.length; i++) o[i % cols] += d[i];
      return out;
    },

    scale: (a, s) => map(a, (x) => x * s),
    exp: (a) => map(a, Math.exp),
    reciprocal: (a) => map(a, (x) => 1 / x),

    relu: (x) => map(x, (v) => (v > 0 ? v : 0)),
    reluBackward(dout, x) {
      requireSameShape(dout, x, 'reluBackward', 'dout', 'x');
      const out = make(x.shape);
      for (let i = 0; i < out.data.length; i++) out.data[i] = x.data[i] > 0 ? dout.data[i] : 0;
      return out;
    },
    sigmoid: (x) => map(x, (v) => 1 / (1 + Math.exp(-v))),
    sigmoidBackward(dout, y) {
      requireSameShape(dout, y, 'sigmoidBackward', 'dout', 'y');
      const out = make(y.shape);
      for (let i = 0; i < out.data.length; i++) out.data[i] = dout.data[i] * y.data[i] * (1 - y.data[i]);
      return out;
    },

    softmax(x) {
      const [rows, cols] = rowsAndCols(x, 'softmax');
      const out = make(x.shape);
      const o = out.data;
      const d = x.data;
      for (let r = 0; r < rows; r++) {
        const start = r * cols;
        let max = -Infinity;
        for (let c = 0; c < cols; c++) max = Math.max(max, d[start + c]);
        let total = 0;
        for (let c = 0; c < cols; c++) {
          const e = Math.exp(d[start + c] - max);
          o[start + c] = e;
          total += e;
        }
        for (let c = 0; c < cols; c++) o[start + c] /= total;
      }
      return out;
    },

    crossEntropy(y, t) {
      requireSameShape(y, t, 'crossEntropy', 'y', 't');
      const [rows] = rowsAndCols(y, 'crossEntropy');
      let total = 0;
      for (let i = 0; i < y.data.length; i++) if (t.data[i] !== 0) total += t.data[i] * Math.log(y.data[i] + 1e-7);
      return -total / rows;
    },

    softmaxCrossEntropyBackward(y, t, dout) {
      requireSameShape(y, t, 'softmaxCrossEntropyBackward', 'y', 't');
      const [rows] = rowsAndCols(y, 'softmaxCrossEntropyBackward');
      const factor = dout / rows;
      const out = make(y.shape);
      for (let i = 0; i < out.data.length; i++) out.data[i] = (y.data[i] - t.data[i]) * factor;
      return out;
    },

    sgdUpdate(param, grad, lr) {
      requireParamShape('sgdUpdate', param, { grad });
      const p = param.data;
      const g = grad.data;
      for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
    },

    momentumUpdate(param, grad, velocity, lr, momentum) {
      requireParamShape('momentumUpdate', param, { grad, velocity });
      const p = param.data;
      const g = grad.data;
      const v = velocity.data;
      for (let i = 0; i < p.length; i++) {
        v[i] = momentum * v[i] - lr * g[i];
        p[i] += v[i];
      }
    },

    adagradUpdate(param, grad, h, lr) {
      requireParamShape('adagradUpdate', param, { grad, h });
      const p = param.data;
      const g = grad.data;
      const hd = h.data;
      for (let i = 0; i < p.length; i++) {
        hd[i] += g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(hd[i]) + 1e-7);
      }
    },

    adamUpdate(param, grad, m, v, lr, beta1, beta2, step) {
      requireParamShape('adamUpdate', param, { grad, m, v });
      if (!Number.isInteger(step) || step < 1) throw new RangeError(`adamUpdate counts steps from 1, got ${step}`);
      const lrT = (lr * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      const p = param.data;
      const g = grad.data;
      const md = m.data;
      const vd = v.data;
      for (let i = 0; i < p.length; i++) {
        md[i] += (1 - beta1) * (g[i] - md[i]);
        vd[i] += (1 - beta2) * (g[i] * g[i] - vd[i]);
        p[i] -= (lrT * md[i]) / (Math.sqrt(vd[i]) + 1e-7);
      }
    },

    gatherBatch(images, labels, pixels, classes, indices) {
      const count = labels.length;
      if (images.length !== count * pixels) {
        throw new RangeError(`gatherBatch: ${images.length} image bytes do not hold ${count} images of ${pixels} pixels`);
      }
      const n = indices.length;
      const x = make([n, pixels]);
      const t = make([n, classes]);
      for (let r = 0; r < n; r++) {
        const index = indices[r];
        if (!(index >= 0 && index < count)) {
          throw new RangeError(`gatherBatch: image index ${index} is outside 0..${count - 1}`);
        }
        const label = labels[index];
        if (label >= classes) throw new RangeError(`gatherBatch: label ${label} of image ${index} is not below ${classes} classes`);
        const source = index * pixels;
        const target = r * pixels;
        for (let p = 0; p < pixels; p++) x.data[target + p] = images[source + p] / 255;
        t.data[r * classes + label] = 1;
      }
      return { x, t };
    },

    countCorrect(scores, labels) {
      const [rows, cols] = scoreRowsAndCols(scores, labels);
      const d = scores.data;
      let correct = 0;
      for (let r = 0; r < rows; r++) {
        const start = r * cols;
        let best = 0;
        for (let c = 1; c < cols; c++) if (d[start + c] > d[start + best]) best = c;
        if (best === labels[r]) correct++;
      }
      return correct;
    },
  };
}
