import type { Api } from '../../app/api/contract';
import { apiUrlFor, createBrowserClient } from './browser-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly bpstudio?: Api;
  }
}

let api: Api | undefined;

/** The Api: Electron's preload object when there is one, otherwise the WebSocket client to the host. */
export function getApi(): Api {
  api ??= window.bpstudio ?? createBrowserClient(apiUrlFor(window.location));
  return api;
}

export type { Api } from '../../app/api/contract';
