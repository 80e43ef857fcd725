import type { Api } from './contract';

// This file imports nothing at run time: the sandboxed preload (main/electron/preload.ts), which can load no
// other file, bundles it, so that the preload, the browser client and the main process's handlers forward
// one list of operations.

/** The request/response operations of the Api (the event subscriptions travel separately). */
export type ApiMethod = Exclude<keyof Api, 'mode' | 'onTrainingEvent' | 'onMenuCommand'>;

export const API_METHODS = [
  'listExamples',
  'readExample',
  'openFile',
  'saveFile',
  'listWorkspace',
  'backupGraph',
  'readBackup',
  'discardBackup',
  'mnistBatch',
  'startTraining',
  'pauseTraining',
  'resumeTraining',
  'cancelTraining',
  'setLanguage',
] as const satisfies readonly ApiMethod[];

// An operation added to the Api but not to the list above fails to typecheck here, by name.
const unlisted: Record<Exclude<ApiMethod, (typeof API_METHODS)[number]>, never> = {};
void unlisted;

/** The Api's operations, each handing its name and arguments to `send` (IPC in Electron, the WebSocket in browser mode). */
export function forwardApiMethods(send: (method: ApiMethod, ...args: unknown[]) => Promise<unknown>): Pick<Api, ApiMethod> {
  return Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => send(method, ...args)])) as Pick<Api, ApiMethod>;
}
