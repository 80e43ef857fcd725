import type { MnistSplitData } from '../../app/mnist';
import type { MlpActivation, MlpTrainer, MlpTrainerOptions } from '../../app/tensor/mlp-kernel';
import type { ImageSetHandle, NativeAddon } from './native-addon';

/** The activations mlp.cc implements; the Backend declares them, so the trainer runs others op by op. */
const ACTIVATION_CODES: Readonly<Partial<Record<MlpActivation, number>>> = { none: 0, relu: 1, sigmoid: 2 };

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
