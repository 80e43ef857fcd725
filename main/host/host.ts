import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PATH, createWebSocketApi } from './ws-api';
import { contentSecurityPolicy } from './content-security-policy';
import { createSessionToken } from './session-token';
import { serveIndexWithToken, sendText, serveStatic } from './static-files';
import type { ApiService } from '../services/api-service';

/** The names a browser may use for this machine; anything else could reach other machines. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface HostOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Loopback only; anything else is refused. */
  readonly host?: string;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly service: ApiService;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  /** The per-session secret every Api WebSocket must present (tests use it; the page reads it from the HTML). */
  readonly token: string;
  close(): Promise<void>;
}

export function assertLoopback(host: string): void {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`browser mode serves on 127.0.0.1 only: refusing to listen on ${host}, which other machines could reach`);
  }
}

/** Serves the renderer and the Api WebSocket on the loopback interface. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const bindHost = options.host ?? '127.0.0.1';
  assertLoopback(bindHost);
  let port = options.port;
  const token = createSessionToken();

  // DNS rebinding defence: a page from another site that resolves its name to 127.0.0.1 sends its own Host.
  const isAllowedHost = (hostHeader: string | undefined) =>
    hostHeader !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader);
  const isAllowedOrigin = (origin: string | undefined) =>
    origin !== undefined && [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(origin);

  const headers = () => ({
    'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });

  const server = createServer((request: IncomingMessage, response) => {
    if (!isAllowedHost(request.headers.host)) {
      sendText(response, 403, 'forbidden: Backprop Studio answers only to 127.0.0.1 and localhost', headers());
      return;
    }
    if ((request.url ?? '').split('?')[0] === API_PATH) {
      sendText(response, 426, 'the Api speaks WebSocket only', headers());
      return;
    }
    const served = isIndexPath(request.url)
      ? serveIndexWithToken(options.rendererDir, token, request, response, headers())
      : serveStatic(options.rendererDir, request, response, headers());
    served.catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `cannot serve the file: ${String(error)}`, headers());
      else response.destroy();
    });
  });

  const api = createWebSocketApi(options.service, isAllowedOrigin, token);
  server.on('upgrade', (request, socket, head) => {
    if (!isAllowedHost(request.headers.host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    api.handleUpgrade(request, socket, head);
  });

  await new Promise<void>((ready, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} on ${bindHost} is already in use; choose another with --port N (0 picks a free one)`)
          : error,
      );
    });
    server.listen(options.port, bindHost, () => ready());
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = bindHost === '::1' ? '[::1]' : bindHost === 'localhost' ? 'localhost' : '127.0.0.1';

  return {
    url: `http://${urlHost}:${port}/`,
    port,
    token,
    async close() {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function isIndexPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0].split('#')[0];
  return path === '/' || path === '/index.html';
}
