import { MAX_LEARNING_RATE, MAX_WEIGHT_STD, TRAINING_LIMITS } from '../limits';

/**
 * What is wrong with a training option as the user typed it, as data: the app turns it into a
 * sentence in the user's language (i18n catalogs), the CLI into English with `optionErrorSentence`.
 */
export type OptionField = 'iterations' | 'batch' | 'lr' | 'hidden' | 'seed' | 'std';

export type OptionError =
  | { readonly field: OptionField; readonly kind: 'wholeRange'; readonly min: number; readonly max: number }
  | { readonly field: OptionField; readonly kind: 'positiveMax'; readonly max: number };

const WHOLE: Partial<Record<OptionField, { min: number; max: number }>> = {
  iterations: TRAINING_LIMITS.iterations,
  batch: TRAINING_LIMITS.batchSize,
  hidden: TRAINING_LIMITS.hiddenSize,
  seed: TRAINING_LIMITS.seed,
};
const POSITIVE: Partial<Record<OptionField, number>> = { lr: MAX_LEARNING_RATE, std: MAX_WEIGHT_STD };

/** A decimal number as people type it: no hex, no exponent-only text, no trailing junk. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Reads a field's text: the number, or the error that says what the field takes. */
export function parseOptionField(field: OptionField, text: string): { value: number } | { error: OptionError } {
  const trimmed = text.trim();
  const value = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  const whole = WHOLE[field];
  if (whole) {
    if (Number.isInteger(value) && value >= whole.min && value <= whole.max) return { value };
    return { error: { field, kind: 'wholeRange', min: whole.min, max: whole.max } };
  }
  const max = POSITIVE[field]!;
  if (Number.isFinite(value) && value > 0 && value <= max) return { value };
  return { error: { field, kind: 'positiveMax', max } };
}

/** 1000000 → "1,000,000": how the sentences write their limits. */
export function groupDigits(n: number): string {
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export const OPTION_NAMES_EN: Readonly<Record<OptionField, string>> = {
  iterations: 'Iterations',
  batch: 'The batch size',
  lr: 'The learning rate',
  hidden: 'Hidden units',
  seed: 'The seed',
  std: 'The weight std',
};

/** The English sentence (the CLI's; the app says the same through its catalogs). */
export function optionErrorSentence(error: OptionError): string {
  const name = OPTION_NAMES_EN[error.field];
  if (error.kind === 'wholeRange') return `${name} must be a whole number from ${groupDigits(error.min)} to ${groupDigits(error.max)}`;
  return `${name} must be a number greater than 0 and at most ${groupDigits(error.max)}`;
}
