import type { Api } from '../../app/api/contract';
import { forwardApiMethods, type ApiMethod } from '../../app/api/api-methods';
import type { WireMessage } from '../../app/api/schemas';
import { CodedError, errorFrom } from '../../app/i18n/messages';
import type { TrainingEvent } from '../../app/train/protocol';

/** The WebSocket constructor's shape, so tests can hand in Node's `ws`. */
export type WebSocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
};
export type WebSocketFactory = (url: string) => WebSocketLike;

const OPEN = 1;
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

interface Pending {
  readonly method: ApiMethod;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The Api of browser mode: requests with ids over one WebSocket to the host, reopened when it drops. */
export function createBrowserClient(url: string, openSocket: WebSocketFactory = (u) => new WebSocket(u) as unknown as WebSocketLike): Api {
  let socket: Promise<WebSocketLike> | null = null;
  let nextId = 1;
  let reconnectAttempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<number, Pending>();
  const trainingListeners = new Set<(event: TrainingEvent) => void>();

  function connect(): Promise<WebSocketLike> {
    socket ??= new Promise<WebSocketLike>((resolve, reject) => {
      const ws = openSocket(url);
      let opened = false;
      ws.onopen = () => {
        opened = true;
        reconnectAttempt = 0;
        resolve(ws);
      };
      ws.onmessage = (event) => receive(event.data);
      ws.onerror = () => undefined; // close follows and says the same thing once.
      ws.onclose = () => {
        socket = null;
        if (!opened) reject(new Error(`cannot reach the Backprop Studio host at ${url}; is it still running?`));
        for (const [id, request] of pending) {
          pending.delete(id);
          request.reject(new Error(`the connection to the Backprop Studio host closed before it answered ${request.method}; try again`));
        }
        if (trainingListeners.size > 0) scheduleReconnect();
      };
    });
    return socket;
  }

  // Training events arrive only while connected, so a page that listens keeps a connection.
  function scheduleReconnect(): void {
    if (reconnectTimer !== null) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(reconnectAttempt++, RECONNECT_DELAYS_MS.length - 1)];
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch(() => undefined);
    }, delay);
  }

  function receive(data: unknown): void {
    let message: WireMessage;
    try {
      message = JSON.parse(String(data)) as WireMessage;
    } catch {
      return;
    }
    if (message.type === 'event') {
      if (message.channel === 'training') for (const listener of trainingListeners) listener(message.event as TrainingEvent);
      return;
    }
    if (message.id === null) return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    if (message.type === 'result') request.resolve(message.result);
    else request.reject(errorFrom(message));
  }

  async function call<T>(method: ApiMethod, ...args: unknown[]): Promise<T> {
    const ws = await connect();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject });
      if (ws.readyState !== OPEN) {
        pending.delete(id);
        reject(new CodedError('host_disconnected', { method }));
        return;
      }
      ws.send(JSON.stringify({ id, method, args }));
    });
  }

  return {
    mode: 'browser',
    ...forwardApiMethods(call),
    // Browser mode has no native menu to translate: its menus are the page's own.
    setLanguage: async () => undefined,
    onTrainingEvent(listener) {
      trainingListeners.add(listener);
      connect().catch(() => scheduleReconnect());
      return () => {
        trainingListeners.delete(listener);
      };
    },
    onMenuCommand() {
      return () => undefined;
    },
  };
}

/** ws://host/api for the page's own origin. */
export function apiUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}
