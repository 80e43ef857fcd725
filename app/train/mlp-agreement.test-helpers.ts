import { expect } from 'vitest';
import type { GraphDocument } from '../graph/document';
import type { Params } from '../ops/op';
import { storedToTensor } from '../graph/stored-tensors';
import type { Backend } from '../tensor/backend';
import type { MnistData } from '../mnist';
import type { OptimizerName, TrainingOptions } from './protocol';
import { DEFAULT_TRAINING_OPTIONS } from './protocol';
import { trainedWeights } from './trained-net';
import { trainGraph, type TrainingOutcome } from './trainer';
import { buildTwoLayerNet } from './two-layer-net';

/** The two-layer net with its activation swapped for another op kind (Sigmoid, Tanh, …) and its params when asked. */
export function mlpDocument(options: TrainingOptions, activation: string, params: Params = {}): GraphDocument {
  const doc = buildTwoLayerNet(options);
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === 'relu1' ? { ...n, kind: activation, params: { ...n.params, ...params } } : n)) };
}

function weightsOf(outcome: TrainingOutcome): Record<string, number[]> {
  if (outcome.status !== 'done') throw new Error(`expected a finished run, got ${outcome.status}`);
  return Object.fromEntries(Object.entries(trainedWeights(outcome.result)).map(([id, t]) => [id, Array.from(storedToTensor(t, 'float64').data)]));
}

/**
 * Trains the same document from the same seed on the backend's fused MLP kernel and op by op;
 * returns the largest weight difference relative to the largest weight of each parameter.
 */
export function lowVsGeneric(
  backend: Backend,
  data: MnistData,
  activation: string,
  optimizer: OptimizerName,
  iterations = 50,
  shape: { readonly batchSize: number; readonly hiddenSize: number } = { batchSize: 20, hiddenSize: 16 },
  activationParams: Params = {},
): { worst: number; lossGap: number } {
  const learningRate = optimizer === 'adam' || optimizer === 'adagrad' ? 0.01 : 0.1;
  const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations, ...shape, optimizer, learningRate, seed: 5 };
  const document = mlpDocument(options, activation, activationParams);
  const generic: Backend = { ...backend, createMlpTrainer: undefined };
  const lowered = trainGraph({ document, options, backend, data });
  const opByOp = trainGraph({ document, options, backend: generic, data });
  const a = weightsOf(lowered);
  const b = weightsOf(opByOp);
  let worst = 0;
  for (const id of Object.keys(b)) {
    const scale = Math.max(...b[id].map(Math.abs), 1e-3);
    for (let i = 0; i < b[id].length; i++) worst = Math.max(worst, Math.abs(a[id][i] - b[id][i]) / scale);
  }
  const curve = (o: TrainingOutcome) => (o.status === 'done' ? o.result.lossCurve : []);
  const lossGap = Math.max(...curve(lowered).map((l, i) => Math.abs(l - curve(opByOp)[i])));
  return { worst, lossGap };
}

/** The activation × optimizer pairs each fused MLP kernel (JS, native) is checked on against the op-by-op path. */
export const AGREEMENT_CASES: readonly ['Relu' | 'Sigmoid', OptimizerName][] = [
  ['Relu', 'sgd'],
  ['Relu', 'momentum'],
  ['Sigmoid', 'adagrad'],
  ['Sigmoid', 'adam'],
  ['Relu', 'adam'],
];

/** The fused kernel on `backend` trains to the op-by-op path's weights and loss curve. */
export function expectFusedAgreement(backend: Backend, data: MnistData, activation: string, optimizer: OptimizerName): void {
  const { worst, lossGap } = lowVsGeneric(backend, data, activation, optimizer);
  expect(worst).toBeLessThan(weightTolerance(optimizer));
  expect(lossGap).toBeLessThan(1e-6);
}

/**
 * How far the two paths' weights may drift apart (relative to each parameter's largest weight).
 * Float32 sums in another order differ by ~1e-7; SGD and Momentum pass that on as it is, while
 * AdaGrad and Adam divide by √(Σg²), so a weight whose gradients are all near zero (a pixel that
 * is rarely lit) moves by ±lr whatever the gradient's rounding: their drift is larger.
 */
export function weightTolerance(optimizer: OptimizerName): number {
  return optimizer === 'adam' || optimizer === 'adagrad' ? 1e-4 : 1e-5;
}
