import { maxRelError } from '../gradcheck/compare';
import { numericalGradient } from '../gradcheck/numerical';
import { createJsBackend } from '../tensor/js-backend';
import { createRandom, type Random } from '../tensor/random';
import { allocate, cloneTensor, type Tensor } from '../tensor/tensor';
import type { OpContext, RegisteredOp, Params, PortValues } from './op';

export const backend = createJsBackend('float64');

export function context(params: Params = {}): OpContext {
  return { backend, params, nodeId: 'node-under-test' };
}

/** Values of random sign and magnitude in [low, high]: away from 0 so relative errors stay meaningful. */
export function randomTensor(random: Random, shape: readonly number[], low = 0.5, high = 1.5): Tensor {
  const t = allocate(shape);
  for (let i = 0; i < t.data.length; i++) {
    const magnitude = low + (high - low) * random.uniform();
    t.data[i] = random.uniform() < 0.5 ? -magnitude : magnitude;
  }
  return t;
}

export function oneHot(random: Random, rows: number, classes: number): Tensor {
  const t = allocate([rows, classes]);
  for (let r = 0; r < rows; r++) t.data[r * classes + random.below(classes)] = 1;
  return t;
}

/**
 * Compares an op's backward with the centred numerical gradient of L = Σ_ports Σ out · G, where G is a
 * random upstream gradient per output, and returns the largest relative error for each input port.
 */
export function opGradientErrors(op: RegisteredOp, inputs: PortValues, seed: number, params: Params = {}): Record<string, number> {
  const random = createRandom(seed);
  const ctx = context(params);
  const working: Record<string, Tensor> = {};
  for (const [port, t] of Object.entries(inputs)) working[port] = cloneTensor(t);

  const { outputs, cache } = op.forward(working, ctx);
  const upstream: Record<string, Tensor> = {};
  for (const [port, out] of Object.entries(outputs)) upstream[port] = randomTensor(random, out.shape);

  const loss = (): number => {
    let total = 0;
    for (const [port, out] of Object.entries(op.forward(working, ctx).outputs)) {
      for (let i = 0; i < out.data.length; i++) total += out.data[i] * upstream[port].data[i];
    }
    return total;
  };

  const analytic = op.backward(upstream, cache, working, ctx);
  const errors: Record<string, number> = {};
  for (const port of op.inputs) {
    const numeric = numericalGradient(loss, working[port]);
    errors[port] = maxRelError(analytic[port], numeric);
  }
  return errors;
}
