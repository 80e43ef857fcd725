import type { MnistSplitData } from '../mnist';
import { argmax, createPredictor, type MlpWeights } from './mlp-predict';

/** One test image the trained net gets wrong. */
export interface Mistake {
  /** Its index in the test split (the gallery fetches the image by it). */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** The softmax output, rounded to 4 decimals for the wire. */
  readonly probabilities: readonly number[];
}

export interface TestAnalysis {
  /** confusion[actual][predicted], counted from the same predictions as the mistakes. */
  readonly confusion: readonly (readonly number[])[];
  readonly mistakes: readonly Mistake[];
}

/**
 * Every test image through the trained net once: the confusion matrix and each misclassified image,
 * so that a confusion cell and the gallery filtered to it always agree.
 */
export function analyzeTestSet(net: MlpWeights, test: MnistSplitData): TestAnalysis {
  const pixels = net.sizes[0];
  const classes = net.sizes[net.sizes.length - 1];
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const mistakes: Mistake[] = [];
  const input = new Float64Array(pixels);
  const predict = createPredictor(net);
  for (let n = 0; n < test.count; n++) {
    for (let p = 0; p < pixels; p++) input[p] = test.images[n * pixels + p] / 255;
    const probabilities = predict(input);
    const label = test.labels[n];
    const predicted = argmax(probabilities);
    confusion[label][predicted]++;
    if (predicted !== label) mistakes.push({ index: n, label, predicted, probabilities: Array.from(probabilities, (p) => Math.round(p * 1e4) / 1e4) });
  }
  return { confusion, mistakes };
}
