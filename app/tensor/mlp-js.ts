import { ADAM_BETA1, ADAM_BETA2, MOMENTUM } from '../options';
import type { MnistSplitData } from '../mnist';
import { activateBackward, activateForward } from './mlp-activations';
import type { MlpTrainer, MlpTrainerOptions } from './mlp-kernel';

/** pixel → pixel / 255 rounded to float32, as the backends' gatherBatch. */
const PIXEL_VALUES = Float32Array.from({ length: 256 }, (_, p) => p / 255);

/**
 * The MLP training kernel in plain loops: sums in float64, weights and optimizer state in float32
 * (as the JS float32 backend). Zero inputs (most MNIST pixels, and every ReLU that is off) are
 * skipped in the products x·W and xᵀ·dz; all buffers are allocated here, none per step.
 */
export function createJsMlpTrainer(options: MlpTrainerOptions): MlpTrainer {
  const { spec, optimizer, learningRate: lr, batchSize: maxRows, train } = options;
  const { sizes, activations, slopes } = spec;
  const layers = sizes.length - 1;
  const pixels = sizes[0];
  const classes = sizes[layers];
  if (options.params.length !== 2 * layers) throw new RangeError(`expected ${2 * layers} parameter arrays, got ${options.params.length}`);
  for (let l = 0; l < layers; l++) {
    const [w, b] = [options.params[2 * l], options.params[2 * l + 1]];
    if (w.length !== sizes[l] * sizes[l + 1] || b.length !== sizes[l + 1]) {
      throw new RangeError(`layer ${l + 1}: W must hold ${sizes[l]}×${sizes[l + 1]} values and b ${sizes[l + 1]}`);
    }
  }
  // Two sets of weights: a step reads one and writes the updated weights into the other.
  const sets = [options.params.map((p) => Float32Array.from(p)), options.params.map((p) => Float32Array.from(p))];
  let active = 0;
  const grads = options.params.map((p) => new Float64Array(p.length));
  const stateCount = optimizer === 'adam' ? 2 : optimizer === 'sgd' ? 0 : 1;
  const state = options.params.map((p) => Array.from({ length: stateCount }, () => new Float32Array(p.length)));
  let updates = 0;

  // Per layer: z (before the activation) and a (after it), batch rows × width; dz for backward.
  const z = sizes.slice(1).map((n) => new Float64Array(maxRows * n));
  const a = sizes.slice(1).map((n, l) => (activations[l] === 'none' ? z[l] : new Float64Array(maxRows * n)));
  const dz = sizes.slice(1).map((n) => new Float64Array(maxRows * n));
  const da = new Float64Array(maxRows * Math.max(...sizes.slice(1)));
  // The batch's nonzero pixels, row by row (compressed rows).
  const rowStart = new Int32Array(maxRows + 1);
  const nzIndex = new Int32Array(maxRows * pixels);
  const nzValue = new Float64Array(maxRows * pixels);

  function gather(images: Uint8Array, rows: ArrayLike<number>, count: number): void {
    let nz = 0;
    for (let r = 0; r < count; r++) {
      rowStart[r] = nz;
      const base = rows[r] * pixels;
      for (let k = 0; k < pixels; k++) {
        const p = images[base + k];
        if (p !== 0) {
          nzIndex[nz] = k;
          nzValue[nz++] = PIXEL_VALUES[p];
        }
      }
    }
    rowStart[count] = nz;
  }

  /**
   * out[o + j] = Σ value · w[index · n + j] over the entries [start, end), ten columns at a time in
   * local variables (twice as fast as adding into the typed array; the same sums in the same order).
   */
  function sparseRowTimesMatrix(start: number, end: number, w: Float32Array, n: number, out: Float64Array, o: number): void {
    let j0 = 0;
    for (; j0 + 10 <= n; j0 += 10) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0;
      for (let i = start; i < end; i++) {
        const v = nzValue[i];
        const b = nzIndex[i] * n + j0;
        a0 += v * w[b];
        a1 += v * w[b + 1];
        a2 += v * w[b + 2];
        a3 += v * w[b + 3];
        a4 += v * w[b + 4];
        a5 += v * w[b + 5];
        a6 += v * w[b + 6];
        a7 += v * w[b + 7];
        a8 += v * w[b + 8];
        a9 += v * w[b + 9];
      }
      const c = o + j0;
      out[c] = a0;
      out[c + 1] = a1;
      out[c + 2] = a2;
      out[c + 3] = a3;
      out[c + 4] = a4;
      out[c + 5] = a5;
      out[c + 6] = a6;
      out[c + 7] = a7;
      out[c + 8] = a8;
      out[c + 9] = a9;
    }
    for (; j0 < n; j0++) {
      let a = 0;
      for (let i = start; i < end; i++) a += nzValue[i] * w[nzIndex[i] * n + j0];
      out[o + j0] = a;
    }
  }

  /** g[index · n + j] += value · d[o + j] over the entries [start, end), d's row held in locals ten at a time. */
  function sparseRowOuterUpdate(start: number, end: number, d: Float64Array, o: number, n: number, g: Float64Array): void {
    let j0 = 0;
    for (; j0 + 10 <= n; j0 += 10) {
      const c = o + j0;
      const d0 = d[c], d1 = d[c + 1], d2 = d[c + 2], d3 = d[c + 3], d4 = d[c + 4];
      const d5 = d[c + 5], d6 = d[c + 6], d7 = d[c + 7], d8 = d[c + 8], d9 = d[c + 9];
      for (let i = start; i < end; i++) {
        const v = nzValue[i];
        const b = nzIndex[i] * n + j0;
        g[b] += v * d0;
        g[b + 1] += v * d1;
        g[b + 2] += v * d2;
        g[b + 3] += v * d3;
        g[b + 4] += v * d4;
        g[b + 5] += v * d5;
        g[b + 6] += v * d6;
        g[b + 7] += v * d7;
        g[b + 8] += v * d8;
        g[b + 9] += v * d9;
      }
    }
    for (; j0 < n; j0++) {
      const dj = d[o + j0];
      for (let i = start; i < end; i++) g[nzIndex[i] * n + j0] += nzValue[i] * dj;
    }
  }

  /** z[l] = input · W + b for `count` rows; the input is the gathered pixels for layer 0. */
  function affine(l: number, weights: Float32Array[], count: number): void {
    const n = sizes[l + 1];
    const w = weights[2 * l];
    const b = weights[2 * l + 1];
    const out = z[l];
    out.fill(0, 0, count * n);
    if (l === 0) {
      for (let r = 0; r < count; r++) sparseRowTimesMatrix(rowStart[r], rowStart[r + 1], w, n, out, r * n);
    } else {
      const input = a[l - 1];
      const m = sizes[l];
      for (let r = 0; r < count; r++) {
        const o = r * n;
        for (let k = 0; k < m; k++) {
          const v = input[r * m + k];
          if (v === 0) continue;
          const wo = k * n;
          for (let j = 0; j < n; j++) out[o + j] += v * w[wo + j];
        }
      }
    }
    for (let r = 0; r < count; r++) {
      const o = r * n;
      for (let j = 0; j < n; j++) out[o + j] = Math.fround(Math.fround(out[o + j]) + b[j]);
    }
    activateForward(activations[l], out, a[l], count * n, slopes[l]);
  }

  function forward(weights: Float32Array[], count: number): void {
    for (let l = 0; l < layers; l++) affine(l, weights, count);
  }

  function update(from: Float32Array[], to: Float32Array[]): void {
    updates++;
    const lrT = optimizer === 'adam' ? (lr * Math.sqrt(1 - ADAM_BETA2 ** updates)) / (1 - ADAM_BETA1 ** updates) : 0;
    for (let p = 0; p < from.length; p++) {
      const src = from[p];
      const dst = to[p];
      const g = grads[p];
      const [s0, s1] = state[p];
      const n = src.length;
      switch (optimizer) {
        case 'sgd':
          for (let i = 0; i < n; i++) dst[i] = src[i] - lr * Math.fround(g[i]);
          break;
        case 'momentum':
          for (let i = 0; i < n; i++) {
            s0[i] = MOMENTUM * s0[i] - lr * Math.fround(g[i]);
            dst[i] = src[i] + s0[i];
          }
          break;
        case 'adagrad':
          for (let i = 0; i < n; i++) {
            const gi = Math.fround(g[i]);
            s0[i] += gi * gi;
            dst[i] = src[i] - (lr * gi) / (Math.sqrt(s0[i]) + 1e-7);
          }
          break;
        case 'adam':
          for (let i = 0; i < n; i++) {
            const gi = Math.fround(g[i]);
            s0[i] += (1 - ADAM_BETA1) * (gi - s0[i]);
            s1[i] += (1 - ADAM_BETA2) * (gi * gi - s1[i]);
            dst[i] = src[i] - (lrT * s0[i]) / (Math.sqrt(s1[i]) + 1e-7);
          }
          break;
        default:
          throw new RangeError(`unknown optimizer "${String(optimizer)}"`);
      }
    }
  }

  function step(indices: Int32Array, maxLoss: number): number {
    const count = indices.length;
    if (count < 1 || count > maxRows) throw new RangeError(`a step takes 1..${maxRows} rows, got ${count}`);
    for (let r = 0; r < count; r++) {
      if (!(indices[r] >= 0 && indices[r] < train.count)) throw new RangeError(`indices[${r}] = ${indices[r]} is outside 0..${train.count - 1}`);
    }
    const weights = sets[active];
    gather(train.images, indices, count);
    forward(weights, count);

    // Softmax with loss: dz = (y − t) / N.
    const scores = a[layers - 1];
    const dOut = dz[layers - 1];
    let loss = 0;
    for (let r = 0; r < count; r++) {
      const o = r * classes;
      let max = -Infinity;
      for (let c = 0; c < classes; c++) if (scores[o + c] > max) max = scores[o + c];
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        const e = Math.fround(Math.exp(scores[o + c] - max));
        dOut[o + c] = e;
        sum += e;
      }
      const label = train.labels[indices[r]];
      for (let c = 0; c < classes; c++) {
        const y = Math.fround(dOut[o + c] / sum);
        if (c === label) loss -= Math.log(y + 1e-7);
        dOut[o + c] = Math.fround((y - (c === label ? 1 : 0)) / count);
      }
    }
    loss /= count;
    if (!Number.isFinite(loss) || loss > maxLoss) return loss;

    for (let l = layers - 1; l >= 0; l--) {
      const n = sizes[l + 1];
      const m = sizes[l];
      const d = dz[l];
      // dz = da ⊙ activation′, da came from the layer above; the last layer's activation sits
      // between the scores and the loss, so its dz already holds the loss gradient.
      activateBackward(activations[l], z[l], a[l], l < layers - 1 ? da : d, d, count * n, slopes[l]);
      const gW = grads[2 * l];
      const gb = grads[2 * l + 1];
      gW.fill(0);
      gb.fill(0);
      for (let r = 0; r < count; r++) for (let j = 0; j < n; j++) gb[j] += d[r * n + j];
      if (l === 0) {
        for (let r = 0; r < count; r++) sparseRowOuterUpdate(rowStart[r], rowStart[r + 1], d, r * n, n, gW);
      } else {
        const input = a[l - 1];
        const w = weights[2 * l];
        for (let r = 0; r < count; r++) {
          const o = r * n;
          for (let k = 0; k < m; k++) {
            const v = input[r * m + k];
            const wo = k * n;
            // da = dz · Wᵀ, needed below this layer.
            let s = 0;
            for (let j = 0; j < n; j++) s += d[o + j] * w[wo + j];
            da[r * m + k] = Math.fround(s);
            if (v === 0) continue;
            for (let j = 0; j < n; j++) gW[wo + j] += v * d[o + j];
          }
        }
      }
    }
    update(weights, sets[1 - active]);
    active = 1 - active;
    return loss;
  }

  function evaluate(split: MnistSplitData, start: number, count: number, confusion?: Int32Array): number {
    if (!(Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= split.count)) {
      throw new RangeError(`rows ${start}..${start + count} are not within the split's ${split.count}`);
    }
    const weights = sets[active];
    let correct = 0;
    const rows = new Int32Array(maxRows);
    for (let first = start; first < start + count; first += maxRows) {
      const chunk = Math.min(maxRows, start + count - first);
      for (let r = 0; r < chunk; r++) rows[r] = first + r;
      gather(split.images, rows, chunk);
      forward(weights, chunk);
      const scores = a[layers - 1];
      for (let r = 0; r < chunk; r++) {
        let best = 0;
        for (let c = 1; c < classes; c++) if (scores[r * classes + c] > scores[r * classes + best]) best = c;
        const label = split.labels[first + r];
        if (best === label) correct++;
        if (confusion) confusion[label * classes + best]++;
      }
    }
    return correct;
  }

  return {
    step,
    evaluate,
    weights: (previous = false) => sets[previous ? 1 - active : active].map((p) => Float32Array.from(p)),
  };
}
