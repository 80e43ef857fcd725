import type { TFunction } from 'i18next';
import { messageOf, type Message } from '../../app/i18n/messages';

/**
 * Anything the app says or throws, in the UI language: a catalog sentence from its code and params
 * (the `errors` namespace; a `reasonCode` — a file-system reason, what an op said — is translated too,
 * from the same params), otherwise the sentence as
 * it came.
 */
export function messageText(t: TFunction, said: Message | unknown): string {
  const { message, code, params } = isMessage(said) ? said : messageOf(said);
  if (!code) return message;
  const reason = params?.reasonCode ? t(`errors:${params.reasonCode}`, { ...params, defaultValue: params.reason }) : params?.reason;
  return t(`errors:${code}`, { ...params, ...(reason === undefined ? {} : { reason }), defaultValue: message });
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as Message).message === 'string';
}
