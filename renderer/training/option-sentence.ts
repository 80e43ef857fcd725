import type { TFunction } from 'i18next';
import { groupDigits, type OptionError } from '../../app/train/option-errors';

/** The field's sentence in the user's language (the same words as the CLI's English one). */
export function optionSentence(t: TFunction<'training'>, error: OptionError): string {
  const name = t(`option.subject.${error.field}`);
  if (error.kind === 'wholeRange') return t('optionError.wholeRange', { name, min: groupDigits(error.min), max: groupDigits(error.max) });
  return t('optionError.positiveMax', { name, max: groupDigits(error.max) });
}
