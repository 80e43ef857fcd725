/**
 * How browser mode's page proves it was served by the host: the host puts a per-session token in a
 * meta tag of index.html, and the page offers it as a WebSocket subprotocol on every connection.
 */
export const SESSION_TOKEN_META = 'bpstudio-session-token';
export const WS_PROTOCOL = 'bpstudio';
export const TOKEN_PROTOCOL_PREFIX = 'bpstudio.token.';

/** The subprotocols a page offers: the plain name (the server picks it) and the one carrying the token. */
export function tokenProtocols(token: string): string[] {
  return [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}
