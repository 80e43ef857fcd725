// The sandboxed preload: one object, `window.bpstudio`, of intent methods that satisfies the Api.
// It imports only electron and types (a sandboxed preload cannot load other files) and never hands
// the page ipcRenderer itself, nor the IPC event objects.
import type { Api } from '../../app/api/contract';
import type { TrainingEvent } from '../../app/train/protocol';
import type { ElectronPreload, IpcRendererEvent } from './electron-types';

const { contextBridge, ipcRenderer } = require('electron') as ElectronPreload;

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, value: unknown) => listener(value as T);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

/** ipcRenderer.invoke, with Electron's "Error invoking remote method ..." prefix taken off the sentence. */
async function invoke<T>(method: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(`bpstudio:${method}`, ...args)) as T;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, ''));
  }
}

const bpstudio = {
  mode: 'electron',
  listExamples: () => invoke('listExamples'),
  readExample: (file) => invoke('readExample', file),
  openFile: () => invoke('openFile'),
  saveFile: (request) => invoke('saveFile', request),
  listWorkspace: () => invoke('listWorkspace'),
  backupGraph: (snapshot) => invoke('backupGraph', snapshot),
  readBackup: () => invoke('readBackup'),
  discardBackup: () => invoke('discardBackup'),
  mnistBatch: (request) => invoke('mnistBatch', request),
  startTraining: (options) => invoke('startTraining', options),
  pauseTraining: (runId) => invoke('pauseTraining', runId),
  resumeTraining: (runId) => invoke('resumeTraining', runId),
  cancelTraining: (runId) => invoke('cancelTraining', runId),
  setLanguage: (language) => invoke('setLanguage', language),
  onTrainingEvent: (listener) => subscribe<TrainingEvent>('bpstudio:training-event', listener),
  onMenuCommand: (listener) => subscribe<string>('bpstudio:menu-command', listener),
} satisfies Api;

contextBridge.exposeInMainWorld('bpstudio', bpstudio);
