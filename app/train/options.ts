import { z } from 'zod';
import { MAX_LEARNING_RATE, MAX_WEIGHT_STD, TRAINING_LIMITS } from '../limits';
import { BACKENDS, OPTIMIZERS, TRAINING_INITIALIZERS } from '../options';
import type { TrainingOptions } from './protocol';

/**
 * The training options' one check, built from app/limits.ts and app/options.ts: the Api's schema
 * extends it, the training service and the trainer run it, the CLI's usage errors say the same ranges.
 */
const whole = (range: { readonly min: number; readonly max: number }) =>
  z.number().refine((x) => Number.isInteger(x) && x >= range.min && x <= range.max, `must be a whole number from ${range.min} to ${range.max}`);
const positiveUpTo = (max: number) =>
  z.number().refine((x) => Number.isFinite(x) && x > 0 && x <= max, `must be a positive number of at most ${max}`);

const NAMES: Readonly<Record<string, string>> = {
  iterations: 'the number of iterations',
  batchSize: 'the batch size',
  learningRate: 'the learning rate',
  hiddenSize: 'the hidden layer size',
  optimizer: 'the optimizer',
  init: 'the initializer',
  weightStd: 'the weight std',
  seed: 'the seed',
  backend: 'the backend',
};

export const trainingOptionsSchema = z.strictObject({
  graphText: z.string().optional(),
  iterations: whole(TRAINING_LIMITS.iterations),
  batchSize: whole(TRAINING_LIMITS.batchSize),
  learningRate: positiveUpTo(MAX_LEARNING_RATE),
  hiddenSize: whole(TRAINING_LIMITS.hiddenSize),
  optimizer: z.enum(OPTIMIZERS),
  init: z.enum(TRAINING_INITIALIZERS),
  weightStd: positiveUpTo(MAX_WEIGHT_STD),
  seed: whole(TRAINING_LIMITS.seed),
  backend: z.enum(BACKENDS),
});

/** Throws a RangeError naming every option that is out of range: "the batch size must be a whole number from 1 to 10000, got 0". */
export function validateTrainingOptions(options: TrainingOptions): void {
  const result = trainingOptionsSchema.safeParse(options);
  if (result.success) return;
  const sentences = result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const name = NAMES[field] ?? (field || 'the options');
    const value = (options as unknown as Record<string, unknown>)[field];
    return `${name} ${issue.message}, got ${JSON.stringify(value) ?? 'nothing'}`;
  });
  throw new RangeError(sentences.join('; '));
}
