import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../host/content-security-policy';
import { contentTypeOf, resolveStaticPath } from '../host/static-files';
import type { BrowserWindowOptions, ElectronMain, IpcMainInvokeEvent, WebPreferences } from './electron-types';

/**
 * All of the Electron hardening in one place (Electron's security checklist):
 * the renderer runs sandboxed, isolated and without Node; it is served from our own `app://` scheme
 * with a strict CSP; it cannot navigate, open windows, attach webviews or obtain permissions; and
 * IPC answers only frames showing our own pages.
 */

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bpstudio`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function secureWindowOptions(preloadPath: string, options: BrowserWindowOptions): BrowserWindowOptions {
  return { ...options, webPreferences: secureWebPreferences(preloadPath) };
}

/** Must run before the app is ready: `app://` behaves like https (secure, standard, fetchable). */
export function registerAppScheme(electron: ElectronMain): void {
  electron.protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer at app://bpstudio/, with the CSP header, refusing paths outside it. */
export function serveRenderer(electron: ElectronMain, rendererDir: string): void {
  electron.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === 'bpstudio' ? resolveStaticPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname) : null;
    if (!path) return new Response('not found', { status: 404 });
    const file = await electron.net.fetch(pathToFileURL(path).href, { bypassCustomProtocolHandlers: true }).catch(() => null);
    if (!file?.ok) return new Response('not found', { status: 404 });
    const headers: Record<string, string> = { 'Content-Type': contentTypeOf(path), 'X-Content-Type-Options': 'nosniff' };
    if (extname(path) === '.html') headers['Content-Security-Policy'] = contentSecurityPolicy();
    return new Response(file.body, { status: 200, headers });
  });
}

/** Navigation, new windows, webviews and permission requests: all refused, for every web contents. */
export function applyContentsHardening(electron: ElectronMain): void {
  electron.app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  electron.session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  electron.session.defaultSession.setPermissionCheckHandler(() => false);
}

export function isAppUrl(url: string | undefined): boolean {
  // Not URL.origin: Node gives 'null' as the origin of non-special schemes such as app:.
  return url !== undefined && url.startsWith(`${APP_ORIGIN}/`);
}

/** IPC answers only our own pages: a frame that somehow shows another origin gets nothing. */
export function assertTrustedSender(event: IpcMainInvokeEvent): void {
  if (!isAppUrl(event.senderFrame?.url)) throw new Error('this request did not come from a Backprop Studio page and was refused');
}

export function rendererDirFrom(distDir: string): string {
  return join(distDir, 'renderer');
}
