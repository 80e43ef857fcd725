import { describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { createExecutor } from '../graph/executor';
import { serializeGraphDocument } from '../graph/parse';
import { tensorToStored } from '../graph/stored-tensors';
import { createJsBackend } from '../tensor/js-backend';
import { createRandom } from '../tensor/random';
import { fromArray } from '../tensor/tensor';
import { predictProbabilities } from './mlp-predict';
import { STEP_PROBABILITIES_OUTPUT_ID, STEP_SOFTMAX_ID, stepDocument } from './step-document';
import { trainedMlp } from './trained-net';
import { buildTwoLayerNet } from './two-layer-net';

const random = createRandom(7);
const values = (n: number) => Array.from({ length: n }, () => random.uniform() * 0.2 - 0.1);
const hidden = 6;
const weights = {
  W1: tensorToStored(fromArray([784, hidden], values(784 * hidden))),
  b1: tensorToStored(fromArray([hidden], values(hidden))),
  W2: tensorToStored(fromArray([hidden, 10], values(hidden * 10))),
  b2: tensorToStored(fromArray([10], values(10))),
};
const net = buildTwoLayerNet({ hiddenSize: hidden, init: 'normal', weightStd: 0.01, seed: 0, batchSize: 100 });
// As a run's result: the trained weights inside the graph's text.
const result = { graphText: serializeGraphDocument({ ...net, tensors: weights }) };
const pixels = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 11) / 10);

describe('the drawn image on the canvas', () => {
  it('runs forward to the same probabilities the pad predicts, and backward from the loss', () => {
    const doc = stepDocument(result, pixels, 3, 'Two-layer net (drawn 3)');
    const plan = compile(doc);
    expect(plan.errors).toEqual([]);
    const executor = createExecutor(plan, { backend: createJsBackend('float64') });
    expect(executor.runForward().ok).toBe(true);
    const onCanvas = Array.from(executor.inputValue(STEP_PROBABILITIES_OUTPUT_ID, 'x')!.data);
    const onPad = Array.from(predictProbabilities(trainedMlp(result)!, pixels));
    onCanvas.forEach((p, i) => expect(p).toBeCloseTo(onPad[i], 9));
    expect(executor.runBackward().ok).toBe(true);
    // The probabilities' Output starts with 0: the Softmax branch adds nothing to the gradients.
    expect(Array.from(executor.outputGrad(STEP_SOFTMAX_ID, 'out')!.data).every((g) => g === 0)).toBe(true);
    expect(doc.nodes.some((n) => n.kind === 'MnistBatch')).toBe(false);
  });

  it('refuses a label that is not a digit', () => {
    expect(() => stepDocument(result, pixels, 10, 'x')).toThrow(/digit/);
  });
});
