import type { Api } from '../../app/api/contract';
import { SESSION_TOKEN_META, tokenProtocols } from '../../app/api/session-token';
import { apiUrlFor, createBrowserClient, type WebSocketLike } from './browser-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly bpstudio?: Api;
  }
}

let api: Api | undefined;

/** The Api: Electron's preload object when there is one, otherwise the WebSocket client to the host. */
export function getApi(): Api {
  api ??= window.bpstudio ?? createBrowserClient(apiUrlFor(window.location), (url) => new WebSocket(url, tokenProtocols(sessionToken())) as unknown as WebSocketLike);
  return api;
}

/** The host's per-session token, from the meta tag it put in the page (browser mode only). */
function sessionToken(): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${SESSION_TOKEN_META}"]`)?.content ?? '';
}

export type { Api } from '../../app/api/contract';
