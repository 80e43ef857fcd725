import type { TFunction } from 'i18next';
import { messageOf, type Message } from '../../app/i18n/messages';
import { say, type Words } from '../../app/i18n/say';
import { exampleLabel } from './example-words';

/** The catalogs of the UI language, as app/i18n/say.ts reads them. */
export function wordsOf(t: TFunction): Words {
  return {
    text: (key, values, fallback) => t(key, { ...values, defaultValue: fallback }),
    label: (label) => exampleLabel(t, label),
  };
}

/**
 * Anything the app says or throws, in the UI language: a catalog sentence from its code and params
 * (the `errors` namespace; its coded parts — a file-system reason, what an op said, the node it is
 * about — in that language too, see app/i18n/say.ts), otherwise the sentence as it came.
 */
export function messageText(t: TFunction, said: Message | unknown): string {
  const { message, code, params } = isMessage(said) ? said : messageOf(said);
  if (!code) return message;
  return say(wordsOf(t), code, params ?? {}, message);
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as Message).message === 'string';
}
