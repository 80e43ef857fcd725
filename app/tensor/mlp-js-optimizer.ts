import { ADAM_BETA1, ADAM_BETA2, MOMENTUM, type OptimizerName } from '../options';

/**
 * The JS MLP trainer's optimizer: reads the weights `from` and writes the updated ones into `to` (the
 * trainer keeps two sets, the last good weights and the new). Gradients are summed in float64 and
 * rounded to float32 here, the optimizer state is float32, as in the JS float32 backend.
 */
export type MlpUpdate = (from: readonly Float32Array[], to: readonly Float32Array[], grads: readonly Float64Array[]) => void;

export function createMlpUpdate(optimizer: OptimizerName, lr: number, paramLengths: readonly number[]): MlpUpdate {
  const stateCount = optimizer === 'adam' ? 2 : optimizer === 'sgd' ? 0 : 1;
  const state = paramLengths.map((length) => Array.from({ length: stateCount }, () => new Float32Array(length)));
  let updates = 0;

  return (from, to, grads) => {
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
  };
}
