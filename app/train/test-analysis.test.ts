import { describe, expect, it } from 'vitest';
import { predictProbabilities, softmax } from './mlp-predict';
import { analyzeTestSet } from './test-analysis';

// A 2-pixel, 2-class "net": class 0 when pixel 0 is lit, class 1 when pixel 1 is.
const net = { sizes: [2, 2], activations: ['none' as const], weights: [Float32Array.of(5, 0, 0, 5)], biases: [Float32Array.of(0, 0)] };

describe('the trained net on the test set', () => {
  it('predicts softmax probabilities', () => {
    const p = predictProbabilities(net, [1, 0]);
    expect(p[0]).toBeCloseTo(Math.exp(5) / (Math.exp(5) + 1), 10);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(Array.from(softmax([1000, 1000]))).toEqual([0.5, 0.5]);
  });

  it('counts the confusion matrix from the same predictions as the mistakes', () => {
    const images = Uint8Array.of(255, 0, 0, 255, 255, 0, 0, 255);
    const labels = Uint8Array.of(0, 1, 1, 0);
    const { confusion, mistakes } = analyzeTestSet(net, { images, labels, count: 4 });
    expect(confusion).toEqual([[1, 1], [1, 1]]);
    expect(mistakes.map((m) => [m.index, m.label, m.predicted])).toEqual([[2, 1, 0], [3, 0, 1]]);
    expect(mistakes[0].probabilities[0]).toBeCloseTo(0.9933, 4);
  });
});
