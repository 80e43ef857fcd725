import type { MnistSplitData } from '../mnist';
import { activateBackward, activateForward } from './mlp-activations';
import type { MlpTrainer, MlpTrainerOptions } from './mlp-kernel';
import { createMlpUpdate } from './mlp-js-optimizer';
import { createSparseBatch } from './mlp-js-sparse-batch';

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
  const update = createMlpUpdate(optimizer, lr, options.params.map((p) => p.length));

  // Per layer: z (before the activation) and a (after it), batch rows × width; dz for backward.
  const z = sizes.slice(1).map((n) => new Float64Array(maxRows * n));
  const a = sizes.slice(1).map((n, l) => (activations[l] === 'none' ? z[l] : new Float64Array(maxRows * n)));
  const dz = sizes.slice(1).map((n) => new Float64Array(maxRows * n));
  const da = new Float64Array(maxRows * Math.max(...sizes.slice(1)));
  const batch = createSparseBatch(maxRows, pixels);

  /** z[l] = input · W + b for `count` rows; the input is the gathered batch for layer 0. */
  function affine(l: number, weights: Float32Array[], count: number): void {
    const n = sizes[l + 1];
    const w = weights[2 * l];
    const b = weights[2 * l + 1];
    const out = z[l];
    out.fill(0, 0, count * n);
    if (l === 0) {
      for (let r = 0; r < count; r++) batch.rowTimesMatrix(r, w, n, out, r * n);
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

  function step(indices: Int32Array, maxLoss: number): number {
    const count = indices.length;
    if (count < 1 || count > maxRows) throw new RangeError(`a step takes 1..${maxRows} rows, got ${count}`);
    for (let r = 0; r < count; r++) {
      if (!(indices[r] >= 0 && indices[r] < train.count)) throw new RangeError(`indices[${r}] = ${indices[r]} is outside 0..${train.count - 1}`);
    }
    const weights = sets[active];
    batch.gather(train.images, indices, count);
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
        for (let r = 0; r < count; r++) batch.addRowOuter(r, d, r * n, n, gW);
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
    update(weights, sets[1 - active], grads);
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
      batch.gather(split.images, rows, chunk);
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
