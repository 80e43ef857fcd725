import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MAX_FILE_BYTES } from '../../app/limits';
import { describeIssues, wireRequestSchema, type WireMessage } from '../../app/api/schemas';
import { messageOf } from '../../app/i18n/messages';
import type { ApiService } from '../services/api-service';
import { chooseProtocol, presentsToken } from './session-token';

export const API_PATH = '/api';

/**
 * The Api over a WebSocket: `{id, method, args}` in, `{type: 'result' | 'error', id, ...}` out, and
 * `{type: 'event', channel: 'training'}` pushed to every connected page.
 */
export interface WebSocketApi {
  /** Handles an HTTP upgrade; refuses (and closes) requests from other origins or for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createWebSocketApi(service: ApiService, isAllowedOrigin: (origin: string | undefined) => boolean, token: string): WebSocketApi {
  // Room for the largest text a save may carry, plus the JSON around it.
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FILE_BYTES * 2 + 64 * 1024, handleProtocols: chooseProtocol });
  const clients = new Set<WebSocket>();

  const unsubscribe = service.onTrainingEvent((event) => {
    const message = JSON.stringify({ type: 'event', channel: 'training', event } satisfies WireMessage);
    for (const client of clients) if (client.readyState === client.OPEN) client.send(message);
  });

  server.on('connection', (socket) => {
    // One page per connection: what the page keeps on the host (its backup) is its own.
    const session = randomBytes(8).toString('hex');
    clients.add(socket);
    const gone = () => {
      if (clients.delete(socket)) service.sessionEnded(session);
    };
    socket.on('close', gone);
    socket.on('error', gone);
    socket.on('message', (data, isBinary) => {
      void answer(socket, session, data, isBinary);
    });
  });

  async function answer(socket: WebSocket, session: string, data: RawData, isBinary: boolean): Promise<void> {
    const reply = (message: WireMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    if (isBinary) {
      reply({ type: 'error', id: null, message: 'the Api accepts JSON text messages only' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawToString(data));
    } catch {
      reply({ type: 'error', id: null, message: 'the message is not valid JSON' });
      return;
    }
    const request = wireRequestSchema.safeParse(parsed);
    if (!request.success) {
      const id = typeof (parsed as { id?: unknown } | null)?.id === 'number' ? (parsed as { id: number }).id : null;
      reply({ type: 'error', id, message: `the message is not an Api request: ${describeIssues(request.error)}` });
      return;
    }
    const { id, method, args } = request.data;
    try {
      const result = await service.invoke(method, args, session);
      reply({ type: 'result', id, result: result ?? null });
    } catch (error) {
      reply({ type: 'error', id, ...messageOf(error) });
    }
  }

  return {
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? '').split('?')[0];
      if (path !== API_PATH || !isAllowedOrigin(request.headers.origin)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      // The right Origin is not enough: any local process can send one. Only the served page knows the token.
      if (!presentsToken(request, token)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    close() {
      unsubscribe();
      for (const client of clients) client.terminate();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
