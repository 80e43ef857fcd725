import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { injectSessionToken } from './session-token';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file of `root` a URL path names, or null when it names nothing there: percent-decoding
 * happens once, then the resolved path must stay inside root (no `..`, no absolute tricks).
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const base = resolve(root);
  const path = resolve(join(base, decoded.endsWith('/') ? `${decoded}index.html` : decoded));
  const rel = relative(base, path);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || resolve(base, rel) !== path) return null;
  return path;
}

/** Serves GET and HEAD for the files under root; everything else is 404 or 405. */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, headers: Readonly<Record<string, string>>): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'method not allowed', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const rawPath = (request.url ?? '/').split('?')[0].split('#')[0];
  const path = resolveStaticPath(root, rawPath);
  const info = path ? await stat(path).catch(() => null) : null;
  if (!path || !info?.isFile()) {
    sendText(response, 404, `not found: ${rawPath.slice(0, 200)}`, headers);
    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(path),
    'Content-Length': String(info.size),
    'Cache-Control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(path)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** The page with this session's token in it: never cached, since the next session has another. */
export async function serveIndexWithToken(root: string, token: string, request: IncomingMessage, response: ServerResponse, headers: Readonly<Record<string, string>>): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'method not allowed', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => null);
  if (html === null) {
    sendText(response, 404, 'not found: /index.html', headers);
    return;
  }
  const body = Buffer.from(injectSessionToken(html, token), 'utf8');
  response.writeHead(200, { ...headers, 'Content-Type': contentTypeOf('index.html'), 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

export function sendText(response: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}
