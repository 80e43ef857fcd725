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
