/**
 * The flag a training service shares with its worker through a SharedArrayBuffer: the worker reads
 * it between iterations, so pause and cancel need no message round trip and a cancel lands within
 * one batch even while the worker's event loop is busy.
 */
export const CONTROL_RUN = 0;
export const CONTROL_PAUSE = 1;
export const CONTROL_CANCEL = 2;

export function createControlFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

export function setControl(flag: Int32Array, value: number): void {
  Atomics.store(flag, 0, value);
  Atomics.notify(flag, 0);
}

/** What the service hands the worker as workerData. */
export interface TrainingWorkerData {
  readonly runId: string;
  readonly options: import('../../app/train/protocol').TrainingOptions;
  readonly control: Int32Array;
  /** Weight snapshots and the test-set analysis (the app's workspace); the CLI goes without. */
  readonly insights: boolean;
}

/** At most this many progress events a second; the losses in between travel batched in the next one. */
export const PROGRESS_INTERVAL_MS = 100;

/** First-layer snapshots at most twice a second: the weight tiles update live without taking the page's frames. */
export const WEIGHTS_INTERVAL_MS = 500;
