import type { FusedActivation, MlpTrainer, MlpTrainerOptions } from './mlp-kernel';
import type { DType, Tensor } from './tensor';

/**
 * The kernels the ops and the training loop need. The JS backend implements them in float64 or
 * float32 (whatever the inputs hold); the native backend in float32 (main/backend).
 *
 * Broadcasting rule (the chapter's bias lesson): for add and mul, either operand may be a scalar
 * (shape []), or a row vector of shape [C] (or [1, C]) against a matrix [N, C]; otherwise shapes must
 * be equal. sumTo reduces a broadcast gradient back to an operand's shape.
 *
 * Optimizer updates mutate `param` (and their state tensors) in place.
 */
export interface Backend {
  readonly name: string;
  readonly dtype: DType;

  /** C = op(A) · op(B), where op transposes when the flag is set. A and B are 2-D. */
  matmul(a: Tensor, b: Tensor, transA?: boolean, transB?: boolean): Tensor;
  add(a: Tensor, b: Tensor): Tensor;
  mul(a: Tensor, b: Tensor): Tensor;
  sumTo(g: Tensor, shape: readonly number[]): Tensor;
  scale(a: Tensor, s: number): Tensor;
  exp(a: Tensor): Tensor;
  reciprocal(a: Tensor): Tensor;

  relu(x: Tensor): Tensor;
  /** dout where x > 0, else 0 (the chapter's mask). */
  reluBackward(dout: Tensor, x: Tensor): Tensor;
  sigmoid(x: Tensor): Tensor;
  /** dout · y · (1 − y), given the forward output y. */
  sigmoidBackward(dout: Tensor, y: Tensor): Tensor;

  /** Softmax over the last axis, max-subtracted. A 1-D input is one row. */
  softmax(x: Tensor): Tensor;
  /** −Σ t·log(y + 1e-7) / N over a batch of N rows (N = 1 for a 1-D input). */
  crossEntropy(y: Tensor, t: Tensor): number;
  /** dout · (y − t) / N: the gradient of crossEntropy(softmax(x), t) with respect to x. */
  softmaxCrossEntropyBackward(y: Tensor, t: Tensor, dout: number): Tensor;

  sgdUpdate(param: Tensor, grad: Tensor, lr: number): void;
  momentumUpdate(param: Tensor, grad: Tensor, velocity: Tensor, lr: number, momentum: number): void;
  adagradUpdate(param: Tensor, grad: Tensor, h: Tensor, lr: number): void;
  /** Adam as in the book's common/optimizer.py; `step` counts from 1. */
  adamUpdate(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, lr: number, beta1: number, beta2: number, step: number): void;

  /**
   * Gathers rows of uint8 images (count × pixels) by index, scaled to [0, 1], and their labels
   * (uint8 class ids) one-hot over `classes`.
   */
  gatherBatch(images: Uint8Array, labels: Uint8Array, pixels: number, classes: number, indices: Int32Array): { x: Tensor; t: Tensor };
  /** How many rows of `scores` (N × C) have their argmax equal to the label (uint8 class ids). */
  countCorrect(scores: Tensor, labels: Uint8Array): number;

  /**
   * A fused training kernel for graphs that lower to an MLP (app/train/mlp-lowering), where the
   * backend has one; the trainer runs any other graph op by op on the kernels above.
   */
  createMlpTrainer?(options: MlpTrainerOptions): MlpTrainer;
  /** The activations createMlpTrainer implements; a graph with another one trains op by op. */
  readonly fusedActivations?: readonly FusedActivation[];
}
