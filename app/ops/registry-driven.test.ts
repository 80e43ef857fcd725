import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { createRandom } from '../tensor/random';
import { allocate, type Tensor } from '../tensor/tensor';
import { lowVsGeneric, mlpDocument } from '../train/mlp-agreement.test-helpers';
import { DEFAULT_TRAINING_OPTIONS } from '../train/protocol';
import { syntheticMnist } from '../train/synthetic-mnist.test-helpers';
import { trainGraph } from '../train/trainer';
import { backend, oneHot, opGradientErrors, randomTensor } from './gradient-check.test-helpers';
import type { DataProvider, RegisteredOp, OpSample, PortValues } from './op';
import { listOps } from './registry';

// Every test here is generated from listOps() and each op's declared samples: a new op is shape-tested,
// gradient-checked and (if it declares a fused activation) checked against the fused kernel by adding its row.
const ops = listOps();
const samplesOf = (op: RegisteredOp) => op.samples.map((sample, i) => [`${op.kind} sample ${i + 1}`, op, sample] as const);

const fakeMnist: DataProvider = {
  mnistBatch(request) {
    const n = request.indices?.length ?? request.batchSize;
    return { x: allocate([n, 784]), t: allocate([n, 10]) };
  },
};

function sampleInputs(sample: OpSample, seed: number): PortValues {
  const random = createRandom(seed);
  const [low, high] = sample.range ?? [0.5, 1.5];
  const inputs: Record<string, Tensor> = {};
  for (const [port, shape] of Object.entries(sample.inputs)) {
    if (sample.labels?.includes(port)) {
      inputs[port] = shape.length === 1 ? oneHot(random, 1, shape[0]) : oneHot(random, shape[0], shape[1]);
      inputs[port] = { shape: [...shape], data: inputs[port].data };
    } else {
      const t = randomTensor(random, shape, low, high);
      if (sample.positive?.includes(port)) for (let i = 0; i < t.data.length; i++) t.data[i] = Math.abs(t.data[i]);
      inputs[port] = t;
    }
  }
  return inputs;
}

describe('every registered op declares samples', () => {
  it.each(ops.map((op) => op.kind))('%s has at least one sample over exactly its input ports', (kind) => {
    const op = ops.find((o) => o.kind === kind)!;
    expect(op.samples.length).toBeGreaterThan(0);
    for (const sample of op.samples) expect(Object.keys(sample.inputs).sort()).toEqual([...op.inputs].sort());
  });
});

describe('shape rules agree with forward', () => {
  it.each(ops.flatMap(samplesOf))('%s', (_name, op, sample) => {
    const params = sample.params ?? {};
    const inferred = op.inferShape(sample.inputs, params);
    const { outputs } = op.forward(sampleInputs(sample, 3), { backend, params, nodeId: 'n', data: fakeMnist });
    expect(Object.keys(inferred).sort()).toEqual(Object.keys(outputs).sort());
    for (const [port, shape] of Object.entries(inferred)) expect(outputs[port].shape, `output ${port}`).toEqual(shape);
  });
});

describe('backward matches the numerical gradient (centred, h = 1e-4, float64)', () => {
  const withInputs = ops.filter((op) => op.inputs.length > 0 && !op.terminal);
  it.each(withInputs.flatMap(samplesOf))('%s', (_name, op, sample) => {
    const errors = opGradientErrors(op, sampleInputs(sample, 11), 12, sample.params ?? {});
    // maxRelError refuses tensors of different shapes, so this also checks each gradient has its input's shape.
    expect(Object.keys(errors).sort()).toEqual([...op.inputs].sort());
    for (const port of op.inputs) expect(errors[port], `relative error of d${port}`).toBeLessThan(sample.tolerance ?? 1e-7);
  });
});

describe('ops that declare a fused activation train the same on the fused JS kernel as op by op', () => {
  const fused = ops.filter((op) => op.fusedActivation);
  const data = syntheticMnist();

  it('Relu, Sigmoid, Tanh and LeakyReLU declare one', () => {
    expect(fused.map((op) => op.kind)).toEqual(['Relu', 'Sigmoid', 'Tanh', 'LeakyRelu']);
  });

  it.each(fused.map((op) => op.kind))('%s', (kind) => {
    const { worst, lossGap } = lowVsGeneric(createJsBackend('float32'), data, kind, 'sgd', 30);
    expect(worst).toBeLessThan(1e-5);
    expect(lossGap).toBeLessThan(1e-6);
  });

  it.each(fused.map((op) => op.kind))('%s trains op by op on a backend whose fused kernel lacks its activation', (kind) => {
    const js = createJsBackend('float32');
    const activation = ops.find((op) => op.kind === kind)!.fusedActivation!.activation;
    let fusedRuns = 0;
    const partial = {
      ...js,
      fusedActivations: js.fusedActivations!.filter((a) => a !== activation),
      createMlpTrainer: (options: Parameters<NonNullable<typeof js.createMlpTrainer>>[0]) => {
        fusedRuns++;
        return js.createMlpTrainer!(options);
      },
    };
    const options = { ...DEFAULT_TRAINING_OPTIONS, iterations: 3, batchSize: 10, hiddenSize: 8 };
    const outcome = trainGraph({ document: mlpDocument(options, kind), options, backend: partial, data });
    expect(outcome.status).toBe('done');
    expect(fusedRuns).toBe(0);
    // The same graph does take the fused kernel when it implements the activation.
    trainGraph({ document: mlpDocument(options, kind), options, backend: { ...partial, fusedActivations: js.fusedActivations }, data });
    expect(fusedRuns).toBe(1);
  });
});
