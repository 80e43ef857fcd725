import type { MnistSplitData } from '../../app/mnist';
import { type BackgroundCount, FUSED_ACTIVATIONS, type FusedActivation, type MlpActivation, type MlpTrainer, type MlpTrainerOptions } from '../../app/tensor/mlp-kernel';
import type { ImageSetHandle, NativeAddon } from './native-addon';

/** The addon's code for each activation (kernels/mlp.h): every fused activation has one. */
const ACTIVATION_CODES: Readonly<Record<MlpActivation, number>> = { none: 0, relu: 1, sigmoid: 2, tanh: 3, leakyRelu: 4 };

/** The fused activations the addon implements, declared by the native Backend: all (ACTIVATION_CODES' type requires a code for each). */
export const NATIVE_FUSED_ACTIVATIONS: readonly FusedActivation[] = FUSED_ACTIVATIONS;

/** The MLP kernel on the addon: one call per step, weights copied out only when asked for. */
export function createNativeMlpTrainer(native: NativeAddon, options: MlpTrainerOptions): MlpTrainer {
  const { spec, params } = options;
  const flat = new Float32Array(params.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of params) {
    flat.set(p, offset);
    offset += p.length;
  }
  const handle = native.mlpCreate(
    Int32Array.from(spec.sizes),
    Int32Array.from(spec.activations, (a) => ACTIVATION_CODES[a]),
    options.optimizer,
    options.learningRate,
    options.batchSize,
    flat,
    Float32Array.from(spec.slopes),
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
  for (const split of options.evaluated ?? []) imageSet(split);
  let running: BackgroundCount | undefined;
  return {
    step: (indices, maxLoss, next) => native.mlpStep(handle, train, indices, maxLoss, next),
    evaluate: (split, start, count, confusion) => native.mlpEvaluate(handle, imageSet(split), start, count, confusion),
    countInBackground(splits) {
      native.mlpCountStart(handle, ...splits.map(imageSet));
      // The addon runs one count per trainer: this object speaks for it until its result is taken or it is cancelled.
      let taken: number[] | undefined;
      const count: BackgroundCount = {
        result(waitMilliseconds) {
          if (running !== count) return taken;
          taken = native.mlpCountResult(handle, waitMilliseconds);
          if (taken) running = undefined;
          return taken;
        },
        cancel() {
          if (running !== count) return;
          native.mlpCountStop(handle);
          running = undefined;
        },
      };
      running = count;
      return count;
    },
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
