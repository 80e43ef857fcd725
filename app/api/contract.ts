import type { Language } from '../i18n/languages';
import type { MnistBatchRequest } from '../ops/op';
import type { TrainingEvent, TrainingOptions } from '../train/protocol';

/**
 * The one contract between the renderer and the main side. The Electron preload implements it over
 * IPC; browser mode implements it over a WebSocket to the Node host, which runs the same services.
 */
export interface ExampleInfo {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
}

export interface OpenedFile {
  readonly path: string;
  readonly name: string;
  readonly text: string;
}

export interface SaveRequest {
  /** Where to save; null asks for a place (Electron: the Save dialog; browser mode: the host's workspace folder + suggestedName). */
  readonly path: string | null;
  readonly suggestedName: string;
  readonly text: string;
  /** Browser mode: the user confirmed replacing a workspace file of that name; without it an existing file is refused. */
  readonly overwrite?: boolean;
}

/** The open graph with unsaved changes, as the renderer hands it over for hot exit. */
export interface GraphSnapshot {
  /** The graph document's JSON text. */
  readonly text: string;
  readonly name: string;
  /** Where it was opened from or saved to; null for a new document. */
  readonly path: string | null;
}

/** A backup as it is offered after a crash: the snapshot and when it was taken (ms since 1970). */
export interface GraphBackup extends GraphSnapshot {
  readonly savedAt: number;
}

/** A graph file of the browser-mode workspace, for the Save As dialog. */
export interface WorkspaceFile {
  readonly name: string;
  readonly size: number;
  /** Last modified, ms since 1970. */
  readonly modified: number;
}

export interface WorkspaceListing {
  /** The folder's absolute path, shown so the user knows where the file goes. */
  readonly folder: string;
  readonly files: readonly WorkspaceFile[];
}

/** A tensor on the wire: plain numbers, row-major. */
export interface WireTensor {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

export interface MnistBatchResponse {
  readonly x: WireTensor;
  readonly t: WireTensor;
  readonly labels: readonly number[];
  readonly indices: readonly number[];
}

export interface Api {
  readonly mode: 'electron' | 'browser';
  listExamples(): Promise<ExampleInfo[]>;
  readExample(file: string): Promise<OpenedFile>;
  /** Electron: the native Open dialog. Browser mode resolves null: the renderer uses its file input. */
  openFile(): Promise<OpenedFile | null>;
  /** Resolves null when the user cancels the dialog. Writes atomically. */
  saveFile(request: SaveRequest): Promise<{ path: string; name: string } | null>;
  /** Browser mode: the workspace folder and its graph files. Electron: null (the native dialog lists). */
  listWorkspace(): Promise<WorkspaceListing | null>;
  /** Hot exit: keeps the unsaved graph in the app's data folder (replacing the previous backup). */
  backupGraph(snapshot: GraphSnapshot): Promise<void>;
  /** The backup a crash or kill left behind, or null. */
  readBackup(): Promise<GraphBackup | null>;
  /** Removes the backup: the graph was saved, discarded, or closed clean. */
  discardBackup(): Promise<void>;
  mnistBatch(request: MnistBatchRequest): Promise<MnistBatchResponse>;
  startTraining(options: TrainingOptions): Promise<{ runId: string }>;
  pauseTraining(runId: string): Promise<void>;
  resumeTraining(runId: string): Promise<void>;
  cancelTraining(runId: string): Promise<void>;
  /** The renderer's UI language changed: Electron rebuilds its menu in it. Browser mode: nothing to do. */
  setLanguage(language: Language): Promise<void>;
  /** Returns the unsubscribe function. */
  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void;
  /** Electron: menu commands (new, open, save, ...) forwarded to the renderer. Browser mode: never fires. */
  onMenuCommand(listener: (command: string) => void): () => void;
}
