import englishTemplates from './locales/en/errors.json';
import englishOps from './locales/en/ops.json';
import { say, type Words } from './say';

/**
 * A sentence the app says to the user, as data: a stable `code` of the errors catalog
 * (app/i18n/locales/<language>/errors.json) and the `params` its placeholders need. The English
 * sentence is made from the same catalog entry the UI translates, so the CLI's wording and the app's
 * English are one text, and a page in Chinese says the same thing in Chinese.
 */
export type MessageCode = keyof typeof englishTemplates;

export type MessageParams = Readonly<Record<string, string>>;

/** Fills {{name}} placeholders the way i18next does (no escaping: the text is never HTML). */
export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? params[name] : whole));
}

const ENGLISH_CATALOGS: Readonly<Record<string, unknown>> = { errors: englishTemplates, ops: englishOps };

function englishText(key: string): string | undefined {
  const [namespace, path] = key.split(/:(.*)/s);
  let entry: unknown = ENGLISH_CATALOGS[namespace];
  for (const part of path?.split('.') ?? []) entry = typeof entry === 'object' && entry !== null && Object.hasOwn(entry, part) ? (entry as Record<string, unknown>)[part] : undefined;
  return typeof entry === 'string' ? entry : undefined;
}

/** The English catalogs as `say` reads them (the CLI's words, and the sentence every message carries). */
export const ENGLISH_WORDS: Words = {
  text: (key, values, fallback) => {
    const template = englishText(key);
    return template === undefined ? fallback : fillTemplate(template, values);
  },
  label: (label) => label,
};

export function englishMessage(code: MessageCode, params: MessageParams): string {
  return say(ENGLISH_WORDS, code, params, fillTemplate(englishTemplates[code], params));
}

/** An error whose message is a catalog sentence: the renderer shows it in the user's language. */
export class CodedError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: MessageParams = {},
  ) {
    super(englishMessage(code, params));
  }
}

export interface Message {
  readonly message: string;
  readonly code?: MessageCode;
  readonly params?: MessageParams;
}

function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && Object.hasOwn(englishTemplates, code);
}

function isParams(params: unknown): params is MessageParams {
  return typeof params === 'object' && params !== null && Object.values(params).every((v) => typeof v === 'string');
}

/** The error a coded message on the wire stands for (browser mode's WebSocket carries code and params). */
export function errorFrom(wire: { readonly message: string; readonly code?: unknown; readonly params?: unknown }): Error {
  return isMessageCode(wire.code) && isParams(wire.params) ? new CodedError(wire.code, wire.params) : new Error(wire.message);
}

/**
 * Electron's IPC and contextBridge carry only an error's message across, so a coded error travels as
 * its sentence followed by this marker and the code as JSON; `messageOf` takes it apart again.
 */
const CODE_MARKER = '\n\u2063bpstudio-code:';

export function messageWithCode(error: CodedError): string {
  return `${error.message}${CODE_MARKER}${JSON.stringify({ code: error.code, params: error.params })}`;
}

/** What any thrown value says: its code and params when it carries them, and its sentence. */
export function messageOf(error: unknown): Message {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, params } = error as { code?: unknown; params?: unknown };
  if (isMessageCode(code) && isParams(params)) return { message: error.message, code, params };
  const at = error.message.indexOf(CODE_MARKER);
  if (at < 0) return { message: error.message };
  const message = error.message.slice(0, at);
  try {
    const carried = JSON.parse(error.message.slice(at + CODE_MARKER.length)) as { code?: unknown; params?: unknown };
    if (isMessageCode(carried.code) && isParams(carried.params)) return { message, code: carried.code, params: carried.params };
  } catch {
    // A marker with no readable code after it: the sentence alone.
  }
  return { message };
}
