import { lstat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Api, MnistBatchResponse, OpenedFile, WireTensor } from '../../app/api/contract';
import type { ApiMethod } from '../../app/api/api-methods';
import { isApiMethod, parseApiArguments } from '../../app/api/schemas';
import type { Language } from '../../app/i18n/languages';
import { CodedError } from '../../app/i18n/messages';
import type { MnistData } from '../../app/mnist';
import type { MnistBatchRequest } from '../../app/ops/op';
import type { Backend } from '../../app/tensor/backend';
import { createRandom } from '../../app/tensor/random';
import type { Tensor } from '../../app/tensor/tensor';
import type { TrainingEvent, TrainingOptions } from '../../app/train/protocol';
import { cleanStaleTempFiles, ensureFolder, isGraphFileName, listExamples, listWorkspace, openTextFile, readExample, resolveInside, saveTextAtomically, withGraphExtension } from './files';
import { createMnistDataProvider } from './mnist';
import { oneRunAtATime } from './one-run-at-a-time';
import type { BackupStore } from './backups';

/** What differs between Electron and browser mode: how a place to open or save is chosen. */
export interface ApiHost {
  readonly mode: Api['mode'];
  /** Electron: the native Open dialog. Browser mode: null (the renderer uses its file input). */
  chooseFileToOpen(): Promise<string | null>;
  /** Electron: the native Save dialog. Browser mode: the workspace folder + the name. Null = cancelled. */
  chooseSavePath(suggestedName: string, currentPath: string | null): Promise<string | null>;
  /** Browser mode: saving is confined to this folder. */
  readonly workspaceDir?: string;
  /** Hot exit's backups (Electron: userData/backups; browser mode: chosen by the host). None: no backups. */
  readonly backups?: BackupStore;
  /** Electron: the renderer switched its UI language (the menu follows). */
  languageChanged?(language: Language): void;
}

/** The training service's surface the Api needs (main/services/training-service.ts). */
export interface TrainingRunner {
  start(options: TrainingOptions, onEvent: (event: TrainingEvent) => void): string | Promise<string>;
  pause(runId: string): void | Promise<void>;
  resume(runId: string): void | Promise<void>;
  cancel(runId: string): void | Promise<void>;
}

export interface ApiServiceOptions {
  readonly host: ApiHost;
  readonly examplesDir: string;
  /** Created on first use, so opening the app does not load MNIST or spawn a worker. */
  readonly loadMnist: () => MnistData;
  readonly createBackend: () => Backend;
  readonly createTrainingRunner: () => TrainingRunner;
}

export interface ApiService {
  readonly mode: Api['mode'];
  /** Runs one operation for a page (`session`: one per window or connection) after checking its arguments. */
  invoke(method: string, args: unknown, session?: string): Promise<unknown>;
  /** The page is gone (its connection closed): what it kept, such as its backup, is now an orphan. */
  sessionEnded(session: string): void;
  /** Every training event of every run; returns the unsubscribe function. */
  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void;
}

type Handlers = { [M in ApiMethod]: (...args: Parameters<Api[M]>) => ReturnType<Api[M]> };
/** Hot exit keeps one backup per page; these operations act on the calling page's own. */
type BackupMethod = 'backupGraph' | 'readBackup' | 'discardBackup';
const BACKUP_METHODS: ReadonlySet<string> = new Set<BackupMethod>(['backupGraph', 'readBackup', 'discardBackup']);

/** The page of Electron's one window, and of any caller that names none. */
export const DEFAULT_SESSION = 'main';

export function createApiService(options: ApiServiceOptions): ApiService {
  const { host } = options;
  const trainingListeners = new Set<(event: TrainingEvent) => void>();
  // Only places the user picked (a dialog or the workspace) may be written; a renderer cannot name others.
  const writablePaths = new Set<string>();
  let training: TrainingRunner | undefined;
  let mnistBackend: { mnist: MnistData; backend: Backend } | undefined;

  const trainer = () => (training ??= oneRunAtATime(options.createTrainingRunner()));
  const broadcast = (event: TrainingEvent) => {
    for (const listener of trainingListeners) listener(event);
  };

  async function pickSavePath(suggestedName: string, requested: string | null, overwrite: boolean): Promise<string | null> {
    if (host.workspaceDir !== undefined) {
      const dir = await ensureFolder(host.workspaceDir);
      if (requested !== null && writablePaths.has(resolve(requested))) return resolve(requested);
      const path = resolveInside(dir, withGraphExtension(suggestedName));
      if (!path) throw new CodedError('save_outside_workspace', { name: JSON.stringify(suggestedName) });
      // The page may name the file, so it must not be able to drop a script or a dotfile there.
      if (!isGraphFileName(basename(path))) throw new CodedError('save_not_graph_name', { name: JSON.stringify(suggestedName) });
      // Replacing a file under a typed name needs the user's yes (the Save As dialog asks).
      if (!overwrite && (await exists(path))) throw new CodedError('save_exists', { name: basename(path) });
      return path;
    }
    if (requested !== null && writablePaths.has(resolve(requested))) return resolve(requested);
    return host.chooseSavePath(withGraphExtension(suggestedName), requested);
  }

  const backupHandlers = (session: string): Pick<Handlers, BackupMethod> => ({
    async backupGraph(snapshot) {
      // The path is kept only if the user picked it in this session: a page cannot plant a path
      // that the next session would then write without asking.
      const path = snapshot.path !== null && writablePaths.has(resolve(snapshot.path)) ? resolve(snapshot.path) : null;
      await host.backups?.write(session, { ...snapshot, path });
    },
    async readBackup() {
      const backup = (await host.backups?.claimOrphan(session)) ?? null;
      if (backup?.path) writablePaths.add(resolve(backup.path));
      return backup;
    },
    async discardBackup() {
      await host.backups?.discard(session);
    },
  });

  const handlers: Omit<Handlers, BackupMethod> = {
    listExamples: () => listExamples(options.examplesDir),
    readExample: (file) => readExample(options.examplesDir, file),
    async openFile(): Promise<OpenedFile | null> {
      const path = await host.chooseFileToOpen();
      if (path === null) return null;
      const opened = await openTextFile(path);
      writablePaths.add(resolve(path));
      return opened;
    },
    async saveFile(request) {
      const path = await pickSavePath(request.suggestedName, request.path, request.overwrite === true);
      if (path === null) return null;
      await saveTextAtomically(path, request.text);
      writablePaths.add(path);
      // A save killed mid-write (kill -9, power cut) leaves its temp file beside the target.
      await cleanStaleTempFiles(dirname(path));
      return { path, name: basename(path) };
    },
    listWorkspace: async () => (host.workspaceDir === undefined ? null : listWorkspace(host.workspaceDir)),
    async mnistBatch(request) {
      mnistBackend ??= { mnist: options.loadMnist(), backend: options.createBackend() };
      return mnistBatchOnWire(mnistBackend.mnist, mnistBackend.backend, request);
    },
    async startTraining(trainingOptions) {
      const runId = await trainer().start(trainingOptions, broadcast);
      return { runId };
    },
    async pauseTraining(runId) {
      await trainer().pause(runId);
    },
    async resumeTraining(runId) {
      await trainer().resume(runId);
    },
    async cancelTraining(runId) {
      await trainer().cancel(runId);
    },
    async setLanguage(language) {
      host.languageChanged?.(language);
    },
  };

  return {
    mode: host.mode,
    async invoke(method, args, session = DEFAULT_SESSION) {
      if (!isApiMethod(method)) throw new TypeError(`there is no Api operation named ${JSON.stringify(String(method)).slice(0, 80)}`);
      const parsed = parseApiArguments(method, args) as unknown[];
      const own = BACKUP_METHODS.has(method) ? backupHandlers(session) : handlers;
      const handler = own[method as keyof typeof own] as (...a: unknown[]) => Promise<unknown>;
      return handler(...parsed);
    },
    onTrainingEvent(listener) {
      trainingListeners.add(listener);
      return () => trainingListeners.delete(listener);
    },
    sessionEnded(session) {
      host.backups?.release(session);
    },
  };
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** One MNIST batch as plain numbers, with the image indices drawn and their labels. */
export function mnistBatchOnWire(mnist: MnistData, backend: Backend, request: MnistBatchRequest): MnistBatchResponse {
  const split = mnist[request.split];
  const indices = request.indices ? [...request.indices] : drawIndices(request.seed, request.batchSize, split.count);
  const bad = indices.find((i) => i >= split.count);
  if (bad !== undefined) throw new RangeError(`MNIST ${request.split} index ${bad} is outside 0 to ${split.count - 1}`);
  const { x, t } = createMnistDataProvider(mnist, backend).mnistBatch({ ...request, indices });
  return { x: toWire(x), t: toWire(t), labels: indices.map((i) => split.labels[i]), indices };
}

/** The MnistBatch node's rule: batchSize indices drawn with replacement from the seeded generator. */
function drawIndices(seed: number, batchSize: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: batchSize }, () => random.below(count));
}

export function toWire(tensor: Tensor): WireTensor {
  return { shape: [...tensor.shape], data: Array.from(tensor.data) };
}
