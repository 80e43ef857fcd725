import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_OPTIONS, type BackendName, type TrainingOptions } from '../../app/train/protocol';
import { trainGraph, type TrainingOutcome } from '../../app/train/trainer';
import { trainingDocument } from '../../app/train/training-document';
import { nativeBackendAvailable } from '../backend/native-loader';
import { loadMnist } from './mnist';
import { createTrainingBackend } from './training-backend';

/** Training on the real MNIST files, in this process (the worker is tested in training-service.test.ts). */
function trainOnMnist(options: TrainingOptions): TrainingOutcome {
  const { backend, name } = createTrainingBackend(options.backend);
  expect(name).toBe(options.backend);
  return trainGraph({ document: trainingDocument(options), options, backend, data: loadMnist(), clock: () => performance.now() });
}

function finished(outcome: TrainingOutcome) {
  if (outcome.status !== 'done') throw new Error(`expected a finished run, got ${outcome.status}`);
  return outcome.result;
}

const short = (backend: BackendName, iterations: number): TrainingOptions => ({ ...DEFAULT_TRAINING_OPTIONS, backend, iterations });

describe('training the chapter net on MNIST', () => {
  it('the native backend loads here', () => {
    expect(nativeBackendAvailable()).toBe(true);
  });

  it('reaches test accuracy 0.85 in 600 iterations on native', () => {
    const result = finished(trainOnMnist(short('native', 600)));
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(result.backend).toBe('native');
    expect(result.epochs).toHaveLength(1);
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('reaches test accuracy 0.85 in 400 iterations on JS', () => {
    const result = finished(trainOnMnist(short('js', 400)));
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.85);
  }, 240_000);

  it('is reproducible: the same seed gives the same loss curve on the same backend', () => {
    const a = finished(trainOnMnist({ ...short('native', 60), seed: 42 }));
    const b = finished(trainOnMnist({ ...short('native', 60), seed: 42 }));
    const c = finished(trainOnMnist({ ...short('native', 60), seed: 43 }));
    expect(b.lossCurve).toEqual(a.lossCurve);
    expect(b.graphText).toEqual(a.graphText);
    expect(c.lossCurve).not.toEqual(a.lossCurve);
  });

  it('the full default job (10,000 iterations) reaches the chapter accuracy on native', () => {
    const result = finished(trainOnMnist(DEFAULT_TRAINING_OPTIONS));
    expect(result.epochs).toHaveLength(17);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.97);
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0.975);
  }, 300_000);

  it('the full default job (10,000 iterations) reaches the chapter accuracy on JS', () => {
    const result = finished(trainOnMnist({ ...DEFAULT_TRAINING_OPTIONS, backend: 'js' }));
    expect(result.epochs).toHaveLength(17);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.97);
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0.975);
  }, 300_000);
});
