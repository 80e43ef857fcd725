import { describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { parseGraphDocument } from '../graph/parse';
import { storedToTensor, tensorToStored } from '../graph/stored-tensors';
import { createJsBackend } from '../tensor/js-backend';
import { allocate } from '../tensor/tensor';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from './protocol';
import { syntheticMnist } from './synthetic-mnist.test-helpers';
import { trainedWeights } from './trained-net';
import { divergence, iterationsPerEpoch, trainGraph, type TrainingOutcome } from './trainer';
import { EVALUATION_CHUNK, evaluateSplit } from './evaluate';
import { createTrainingGraph } from './training-graph';
import { trainingDocument } from './training-document';
import { buildTwoLayerNet } from './two-layer-net';

const data = syntheticMnist();
const small: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations: 150, batchSize: 20, hiddenSize: 16, backend: 'js', seed: 3 };

function train(options: TrainingOptions, extra: Partial<Parameters<typeof trainGraph>[0]> = {}): TrainingOutcome {
  return trainGraph({ document: buildTwoLayerNet(options), options, backend: createJsBackend('float32'), data, ...extra });
}

function done(outcome: TrainingOutcome) {
  if (outcome.status !== 'done') throw new Error(`expected a finished run, got ${outcome.status}`);
  return outcome.result;
}

describe('the two-layer net document', () => {
  it('compiles to the chapter shapes with no errors', () => {
    const doc = buildTwoLayerNet({ ...DEFAULT_TRAINING_OPTIONS, hiddenSize: 50, batchSize: 100 });
    const plan = compile(doc, { mnistAvailable: true });
    expect(plan.errors).toEqual([]);
    expect(plan.nodes.get('W1')!.outputShapes!.out).toEqual([784, 50]);
    expect(plan.nodes.get('affine2')!.outputShapes!.out).toEqual([100, 10]);
    expect(plan.order.indexOf('affine1')).toBeLessThan(plan.order.indexOf('loss'));
  });
});

describe('trainGraph', () => {
  it('learns the synthetic digits', () => {
    const result = done(train(small));
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.lossCurve).toHaveLength(150);
    expect(result.lossCurve[0]).toBeCloseTo(Math.log(10), 1);
    expect(result.lossCurve.at(-1)!).toBeLessThan(0.5);
  });

  it('measures accuracy once per epoch, as the chapter does (i % iter_per_epoch == 0)', () => {
    const result = done(train(small));
    const perEpoch = iterationsPerEpoch(600, 20);
    expect(perEpoch).toBe(30);
    expect(result.epochs.map((e) => e.iteration)).toEqual([1, 31, 61, 91, 121]);
    expect(result.epochs[0].testAccuracy).toBeLessThan(result.epochs[4].testAccuracy);
  });

  it('gives a confusion matrix over the test set that agrees with the test accuracy', () => {
    const result = done(train(small));
    const total = result.confusion.flat().reduce((a, b) => a + b, 0);
    const diagonal = result.confusion.reduce((sum, row, i) => sum + row[i], 0);
    expect(total).toBe(200);
    expect(diagonal / total).toBeCloseTo(result.testAccuracy, 12);
    result.confusion.forEach((row, actual) => {
      expect(row.reduce((a, b) => a + b, 0)).toBe(data.test.labels.filter((l) => l === actual).length);
    });
  });

  it('is reproducible: the same seed gives the same loss curve and weights, another seed does not', () => {
    const a = done(train(small));
    const b = done(train(small));
    const c = done(train({ ...small, seed: 4 }));
    expect(b.lossCurve).toEqual(a.lossCurve);
    expect(trainedWeights(b).W1.data).toBe(trainedWeights(a).W1.data);
    expect(c.lossCurve).not.toEqual(a.lossCurve);
  });

  it('returns the trained graph with its weights, which a new run starts from', () => {
    const result = done(train(small));
    const parsed = parseGraphDocument(result.graphText);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Object.keys(parsed.document.tensors ?? {}).sort()).toEqual(['W1', 'W2', 'b1', 'b2']);
    expect(parsed.document.tensors!.W1.shape).toEqual([784, 16]);
    const again = trainGraph({
      document: parsed.document,
      options: { ...small, iterations: 5 },
      backend: createJsBackend('float32'),
      data,
    });
    expect(done(again).lossCurve[0]).toBeLessThan(0.5);
  });

  it.each(['momentum', 'adagrad', 'adam'] as const)('trains with %s', (optimizer) => {
    const lr = optimizer === 'adam' ? 0.01 : optimizer === 'adagrad' ? 0.05 : 0.1;
    const result = done(train({ ...small, optimizer, learningRate: lr }));
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.lossCurve).not.toEqual(done(train(small)).lossCurve);
  });

  it.each(['he', 'xavier'] as const)('initializes with %s', (init) => {
    const doc = buildTwoLayerNet({ ...small, init });
    const w1 = doc.nodes.find((n) => n.id === 'W1')!;
    expect(w1.params.init).toBe(init);
    expect(done(train({ ...small, init })).testAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('stops on an exploding loss, names the iteration, and keeps the finite weights from before the bad step', () => {
    const outcome = train({ ...small, learningRate: 100 });
    expect(outcome.status).toBe('diverged');
    if (outcome.status !== 'diverged') return;
    expect(outcome.message).toMatch(/^training diverged at iteration \d+ \(loss = [0-9.]+\); try a smaller learning rate$/);
    expect(outcome.message).toContain(`iteration ${outcome.iteration} `);
    const result = outcome.result!;
    expect(result.lossCurve).toHaveLength(outcome.iteration - 1);
    for (const stored of Object.values(trainedWeights(result))) {
      expect(Array.from(storedToTensor(stored).data).every(Number.isFinite)).toBe(true);
    }
  });

  it('stops on a NaN loss with the exact sentence', () => {
    const doc = buildTwoLayerNet(small);
    // In b2, after the last ReLU (which would turn a NaN into 0).
    const poisoned = allocate([10], 'float32');
    poisoned.data[3] = Number.NaN;
    const outcome = trainGraph({
      document: { ...doc, tensors: { b2: tensorToStored(poisoned) } },
      options: small,
      backend: createJsBackend('float32'),
      data,
    });
    expect(outcome).toMatchObject({
      status: 'diverged',
      iteration: 1,
      message: 'training diverged at iteration 1 (loss = NaN); try a smaller learning rate',
    });
    expect(outcome.status === 'diverged' && outcome.result).toBeUndefined();
    expect(divergence(12, Infinity).message).toBe('training diverged at iteration 12 (loss = Infinity); try a smaller learning rate');
  });

  it('asks the control before every iteration and stops when told', () => {
    const asked: number[] = [];
    const outcome = train(small, {
      control: {
        waitWhilePaused: (i) => asked.push(i),
        shouldStop: () => asked.length > 5,
      },
    });
    expect(outcome).toEqual({ status: 'cancelled', iteration: 5 });
    expect(asked).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reports every iteration and epoch to the observer', () => {
    const losses: number[] = [];
    const epochs: number[] = [];
    const result = done(train(small, { observer: { onIteration: (_i, loss) => losses.push(loss), onEpoch: (e) => epochs.push(e.epoch) } }));
    expect(losses).toEqual(result.lossCurve);
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a graph without a loss, naming what is missing', () => {
    const doc = buildTwoLayerNet(small);
    const edges = doc.edges.filter((e) => e.target !== 'loss' && e.source !== 'loss');
    const broken = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'loss'), edges: [...edges, { id: 'scores', source: 'affine2', sourceHandle: 'out', target: 'output', targetHandle: 'x' }] };
    const refusal = () => trainGraph({ document: broken, options: small, backend: createJsBackend('float32'), data });
    expect(refusal).toThrow('a trainable graph needs exactly one Softmax-with-Loss node (the loss), this one has 0');
    // Coded, so that the app says it in the learner's language (the errors catalog).
    expect(() => refusal()).toThrow(expect.objectContaining({ code: 'training_needs_one_loss', params: { count: '0' } }));
  });

  it('refuses bad options with a sentence', () => {
    expect(() => train({ ...small, batchSize: 0 })).toThrow('the batch size must be a whole number from 1 to 10000, got 0');
    expect(() => train({ ...small, learningRate: -1 })).toThrow('the learning rate must be a positive number of at most 100, got -1');
  });
});

describe('trainingDocument', () => {
  it('builds the chapter net when no graph is given', () => {
    const doc = trainingDocument({ ...small, hiddenSize: 30 });
    expect(doc.nodes.find((n) => n.id === 'W1')!.params).toMatchObject({ rows: 784, cols: 30, init: 'normal', std: 0.01 });
  });

  it('refuses a graph file that does not compile, with the compiler sentences', () => {
    const doc = buildTwoLayerNet(small);
    const wrong = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'W2' ? { ...n, params: { ...n.params, rows: 17 } } : n)) };
    expect(() => trainingDocument({ ...small, graphText: JSON.stringify(wrong) })).toThrow(/^the graph cannot be trained: .*20×16.*17×10/);
  });

  it('refuses text that is not a graph file', () => {
    expect(() => trainingDocument({ ...small, graphText: 'nope' })).toThrow(/^the graph to train is not valid: the file is not valid JSON/);
  });
});

describe('evaluateSplit', () => {
  it('counts the same whatever the chunk size, a ragged last chunk included', () => {
    const options = { ...small, iterations: 40 };
    const graph = createTrainingGraph(compile(buildTwoLayerNet(options)));
    const backend = createJsBackend('float32');
    const params = graph.initialParameters(backend);
    const whole = evaluateSplit(graph, backend, params, data.test, true, 1000);
    const ragged = evaluateSplit(graph, backend, params, data.test, true, 7);
    expect(ragged).toEqual(whole);
    expect(whole.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(200);
  });
});

describe('a cancel during an accuracy pass (op by op)', () => {
  it('is seen after one chunk of rows, before the pass finishes', () => {
    // 3,000 training images are three chunks of EVALUATION_CHUNK; the cancel arrives once the first
    // epoch's pass has begun (the graph's scores are computed once per chunk).
    const big = syntheticMnist(3 * EVALUATION_CHUNK, 200);
    const options = { ...small, iterations: 10 };
    const backend = createJsBackend('float32');
    let chunks = 0;
    const counting = { ...backend, createMlpTrainer: undefined, countCorrect: (...args: Parameters<typeof backend.countCorrect>) => (chunks++, backend.countCorrect(...args)) };
    const asked: number[] = [];
    const outcome = trainGraph({
      document: buildTwoLayerNet(options),
      options,
      backend: counting,
      data: big,
      control: { shouldStop: () => (asked.push(chunks), chunks > 0) },
    });
    expect(outcome).toEqual({ status: 'cancelled', iteration: 1 });
    expect(chunks).toBe(1);
    expect(asked).toEqual([0, 1]);
  });
});
