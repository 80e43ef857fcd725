// The sandboxed preload: one object, `window.bpstudio`, of intent methods that satisfies the Api.
// It imports only electron, types and the list of operations (a sandboxed preload cannot load other files:
// that list imports nothing and is bundled in) and never hands the page ipcRenderer itself, nor the IPC event objects.
import { forwardApiMethods } from '../../app/api/api-methods';
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

const bpstudio: Api = {
  mode: 'electron',
  ...forwardApiMethods(invoke),
  onTrainingEvent: (listener) => subscribe<TrainingEvent>('bpstudio:training-event', listener),
  onMenuCommand: (listener) => subscribe<string>('bpstudio:menu-command', listener),
};

contextBridge.exposeInMainWorld('bpstudio', bpstudio);
