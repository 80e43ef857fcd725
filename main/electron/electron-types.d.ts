/**
 * The part of Electron's API this app uses, typed by hand from Electron 38's documentation.
 *
 * Why: `electron` is an optionalDependency whose installer downloads a binary, and the build
 * machines cannot reach that download, so its type declarations are absent there. main.ts,
 * security.ts and preload.ts `require('electron')` and cast to these interfaces, which compiles
 * with or without the package (an ambient `declare module 'electron'` would clash with the real
 * declarations wherever Electron is installed). Only what the code calls is declared.
 */

export interface IpcMainInvokeEvent {
  readonly sender: WebContents;
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

export interface IpcRendererEvent {
  readonly senderId: number;
}

export interface IpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): IpcRenderer;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): IpcRenderer;
}

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  nodeIntegrationInWorker?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  webviewTag?: boolean;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
}

export interface WindowOpenHandlerResponse {
  action: 'deny' | 'allow';
}

export interface WebContents {
  readonly id: number;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }, url?: string) => void): WebContents;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent, webPreferences: WebPreferences, params: Record<string, string>) => void): WebContents;
  on(event: 'did-finish-load', listener: () => void): WebContents;
  on(event: 'will-prevent-unload', listener: (event: PreventableEvent) => void): WebContents;
}

export interface BrowserWindowOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  title?: string;
  show?: boolean;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export interface BrowserWindow {
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  setTitle(title: string): void;
  isDestroyed(): boolean;
  once(event: 'ready-to-show', listener: () => void): BrowserWindow;
  on(event: 'closed', listener: () => void): BrowserWindow;
}

export interface BrowserWindowConstructor {
  new (options?: BrowserWindowOptions): BrowserWindow;
  getAllWindows(): BrowserWindow[];
  getFocusedWindow(): BrowserWindow | null;
  fromWebContents(webContents: WebContents): BrowserWindow | null;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialog {
  showOpenDialog(
    window: BrowserWindow,
    options: { title?: string; defaultPath?: string; filters?: FileFilter[]; properties?: Array<'openFile'> },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: BrowserWindow,
    options: { title?: string; defaultPath?: string; filters?: FileFilter[]; properties?: Array<'createDirectory' | 'showOverwriteConfirmation'> },
  ): Promise<{ canceled: boolean; filePath?: string }>;
  showErrorBox(title: string, content: string): void;
  showMessageBoxSync(
    window: BrowserWindow,
    options: { type?: 'none' | 'info' | 'error' | 'question' | 'warning'; buttons?: string[]; defaultId?: number; cancelId?: number; title?: string; message: string; detail?: string },
  ): number;
}

export interface MenuItemConstructorOptions {
  label?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  role?: 'quit' | 'close' | 'minimize' | 'zoom' | 'togglefullscreen' | 'toggleDevTools' | 'reload' | 'about' | 'appMenu' | 'windowMenu' | 'resetZoom' | 'zoomIn' | 'zoomOut';
  type?: 'normal' | 'separator' | 'submenu' | 'radio' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  submenu?: MenuItemConstructorOptions[];
  click?: () => void;
}

export interface MenuStatic {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export type PermissionRequestHandler = (webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void;

export interface Session {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: ((webContents: WebContents | null, permission: string) => boolean) | null): void;
}

export interface Protocol {
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; corsEnabled?: boolean; stream?: boolean } }>,
  ): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface App {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  quit(): void;
  getPath(name: 'documents' | 'home' | 'userData'): string;
  /** The system locale, such as "zh-CN" or "en-US". */
  getLocale(): string;
  on(event: 'window-all-closed' | 'activate', listener: () => void): App;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): App;
  requestSingleInstanceLock(): boolean;
}

/** `require('electron')` in the main process. */
export interface ElectronMain {
  readonly app: App;
  readonly BrowserWindow: BrowserWindowConstructor;
  readonly dialog: Dialog;
  readonly ipcMain: IpcMain;
  readonly Menu: MenuStatic;
  readonly protocol: Protocol;
  readonly session: { readonly defaultSession: Session };
  readonly net: { fetch(input: string, init?: { bypassCustomProtocolHandlers?: boolean }): Promise<Response> };
}

/** `require('electron')` in a sandboxed preload. */
export interface ElectronPreload {
  readonly contextBridge: ContextBridge;
  readonly ipcRenderer: IpcRenderer;
}
