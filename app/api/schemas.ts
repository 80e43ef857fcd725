import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { MAX_FILE_BYTES, MAX_MNIST_BATCH, TRAINING_LIMITS } from '../limits';
import { MNIST_SPLITS } from '../mnist';
import { trainingOptionsSchema as trainingOptionsCheck } from '../train/options';
import type { ApiMethod } from './api-methods';
import { fitsInUtf8Bytes } from './utf8';

/**
 * The zod schemas of every Api operation's arguments, checked on the Node side before any work,
 * by both transports (Electron IPC and the browser-mode WebSocket): the renderer is not trusted.
 */


const fileNameSchema = z
  .string()
  .min(1, 'a file name must not be empty')
  .max(255, 'a file name must be at most 255 characters')
  .refine((name) => !/[/\\\0]/.test(name), 'a file name must not contain a slash, a backslash or a NUL character')
  .refine((name) => name !== '.' && name !== '..', 'a file name must not be "." or ".."');

/** Counted in UTF-8 bytes, as the file readers and the atomic save count them. */
const textSchema = z.string().refine((text) => fitsInUtf8Bytes(text, MAX_FILE_BYTES), `the text must be at most ${MAX_FILE_BYTES} bytes (UTF-8)`);

export const saveRequestSchema = z.strictObject({
  path: z.string().min(1).max(4096).nullable(),
  suggestedName: fileNameSchema,
  text: textSchema,
  overwrite: z.boolean().optional(),
});

export const graphSnapshotSchema = z.strictObject({
  text: textSchema,
  name: z.string().max(4096, 'a graph name must be at most 4096 characters'),
  path: z.string().min(1).max(4096).nullable(),
});

export const mnistBatchRequestSchema = z
  .strictObject({
    split: z.enum(MNIST_SPLITS),
    batchSize: z.number().int().min(1).max(MAX_MNIST_BATCH),
    seed: z.number().int().min(TRAINING_LIMITS.seed.min).max(TRAINING_LIMITS.seed.max),
    indices: z.array(z.number().int().nonnegative()).min(1).max(MAX_MNIST_BATCH).optional(),
  });

/** The trainer's own check (app/train/options.ts), with the graph text bounded as every text the Api takes. */
export const trainingOptionsSchema = trainingOptionsCheck.extend({ graphText: textSchema.optional() });

const runIdSchema = z.string().min(1).max(100);

/** Each operation's argument list, as a tuple schema. */
export const apiArgumentSchemas = {
  listExamples: z.tuple([]),
  readExample: z.tuple([fileNameSchema]),
  openFile: z.tuple([]),
  saveFile: z.tuple([saveRequestSchema]),
  listWorkspace: z.tuple([]),
  backupGraph: z.tuple([graphSnapshotSchema]),
  readBackup: z.tuple([]),
  discardBackup: z.tuple([]),
  mnistBatch: z.tuple([mnistBatchRequestSchema]),
  startTraining: z.tuple([trainingOptionsSchema]),
  pauseTraining: z.tuple([runIdSchema]),
  resumeTraining: z.tuple([runIdSchema]),
  cancelTraining: z.tuple([runIdSchema]),
  setLanguage: z.tuple([z.enum(LANGUAGES)]),
} satisfies Record<ApiMethod, z.ZodType>;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiArgumentSchemas, name);
}

/** Checks one operation's arguments; throws a sentence naming the operation and what is wrong. */
export function parseApiArguments<M extends ApiMethod>(method: M, args: unknown): z.infer<(typeof apiArgumentSchemas)[M]> {
  const result = apiArgumentSchemas[method].safeParse(args);
  if (!result.success) throw new TypeError(`${method}: ${describeIssues(result.error)}`);
  return result.data as z.infer<(typeof apiArgumentSchemas)[M]>;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.length ? `argument ${issue.path.map(String).join('.')}` : 'the arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** The WebSocket protocol of browser mode: requests carry an id, answers repeat it. */
export const wireRequestSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  args: z.array(z.unknown()).max(4),
});

export type WireRequest = z.infer<typeof wireRequestSchema>;

export type WireMessage =
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  /** `code` and `params` when the error is one of the catalog's sentences (app/i18n/messages.ts). */
  | { readonly type: 'error'; readonly id: number | null; readonly message: string; readonly code?: string; readonly params?: Readonly<Record<string, string>> }
  | { readonly type: 'event'; readonly channel: 'training'; readonly event: unknown };
