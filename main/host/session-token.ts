import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SESSION_TOKEN_META, TOKEN_PROTOCOL_PREFIX, WS_PROTOCOL } from '../../app/api/session-token';

/**
 * The per-session secret of browser mode. The Origin check stops other web pages, but any local
 * process can send any Origin; the token, handed only to the page in the HTML the host serves, is what
 * they lack. It travels as a WebSocket subprotocol, never in a URL (URLs end up in logs and history).
 */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** index.html with the token in a meta tag (the CSP forbids inline scripts; a meta tag is data). */
export function injectSessionToken(html: string, token: string): string {
  const tag = `<meta name="${SESSION_TOKEN_META}" content="${token}" />`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`) : `${tag}\n${html}`;
}

/** Whether the upgrade request offers `bpstudio.token.<token>` among its subprotocols. */
export function presentsToken(request: IncomingMessage, token: string): boolean {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const expected = Buffer.from(`${TOKEN_PROTOCOL_PREFIX}${token}`);
  return offered.some((protocol) => {
    const given = Buffer.from(protocol);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The subprotocol the server answers with: the plain name, so the token is not echoed back. */
export function chooseProtocol(protocols: Set<string>): string | false {
  return protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false;
}
