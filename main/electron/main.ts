// The Electron main process: one window showing the renderer, the application menu, native
// dialogs, and the Api answered over IPC by the same service object browser mode uses.
import { join } from 'node:path';
import { API_METHODS } from '../../app/api/api-methods';
import type { ExampleInfo } from '../../app/api/contract';
import { languageForLocale, type Language } from '../../app/i18n/languages';
import { CodedError, messageWithCode } from '../../app/i18n/messages';
import { distDir, examplesDir } from '../paths';
import { DEFAULT_SESSION, type ApiService } from '../services/api-service';
import { createBackupStore, type BackupStore } from '../services/backups';
import { createDefaultApiService } from '../services/default-api-service';
import { listExamples } from '../services/files';
import { dialogText } from './dialog-text';
import type { BrowserWindow, ElectronMain } from './electron-types';
import { buildMenuTemplate } from './menu';
import { APP_ENTRY_URL, applyContentsHardening, assertTrustedSender, registerAppScheme, rendererDirFrom, secureWindowOptions, serveRenderer } from './security';

const electron = require('electron') as ElectronMain;
const { app, BrowserWindow: Window, dialog, ipcMain, Menu } = electron;

let mainWindow: BrowserWindow | null = null;
let backups: BackupStore | undefined;
// The language the renderer last reported: the menu and the native dialogs speak it.
let uiLanguage: Language = 'en';
let menuExamples: ExampleInfo[] = [];

function focusedWindow(): BrowserWindow {
  const window = Window.getFocusedWindow() ?? mainWindow;
  if (!window || window.isDestroyed()) throw new Error(dialogText(uiLanguage).noWindow);
  return window;
}

function createService(backups: BackupStore): ApiService {
  return createDefaultApiService({
    mode: 'electron',
    backups,
    languageChanged(language) {
      if (language === uiLanguage) return;
      uiLanguage = language;
      setMenu();
    },
    async chooseFileToOpen() {
      const text = dialogText(uiLanguage);
      const result = await dialog.showOpenDialog(focusedWindow(), { title: text.openTitle, filters: text.filters, properties: ['openFile'] });
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async chooseSavePath(suggestedName, currentPath) {
      const defaultPath = currentPath ?? join(app.getPath('documents'), suggestedName);
      const text = dialogText(uiLanguage);
      const result = await dialog.showSaveDialog(focusedWindow(), {
        title: text.saveTitle,
        defaultPath,
        filters: text.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  });
}

function registerIpc(service: ApiService): void {
  for (const method of API_METHODS) {
    ipcMain.handle(`bpstudio:${method}`, (event, ...args) => {
      assertTrustedSender(event);
      // Only an error's message crosses IPC: a coded one carries its code inside it (app/i18n/messages.ts).
      return service.invoke(method, args).catch((error: unknown) => {
        throw error instanceof CodedError ? new Error(messageWithCode(error)) : error;
      });
    });
  }
  service.onTrainingEvent((trainingEvent) => {
    for (const window of Window.getAllWindows()) {
      if (!window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send('bpstudio:training-event', trainingEvent);
    }
  });
}

function sendMenuCommand(command: string): void {
  const window = Window.getFocusedWindow() ?? mainWindow;
  if (window && !window.isDestroyed()) window.webContents.send('bpstudio:menu-command', command);
}

/** (Re)builds the menu in the UI language the renderer last reported. */
function setMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(menuExamples, sendMenuCommand, process.platform === 'darwin', uiLanguage)));
}

async function installMenu(): Promise<void> {
  try {
    menuExamples = await listExamples(examplesDir());
  } catch {
    // The File menu then says there are none; the app itself still works.
  }
  // Until the renderer reports its choice, the system locale decides, as it does in the renderer.
  uiLanguage = languageForLocale(app.getLocale());
  setMenu();
}

function createWindow(backups: BackupStore): BrowserWindow {
  const window = new Window(
    secureWindowOptions(join(__dirname, 'preload.cjs'), {
      width: 1400,
      height: 900,
      minWidth: 800,
      minHeight: 500,
      title: 'Backprop Studio',
      show: false,
      backgroundColor: '#ffffff',
    }),
  );
  window.once('ready-to-show', () => window.show());
  // The renderer's beforeunload handler refuses to close with unsaved changes; Electron then asks
  // us, and preventDefault() here lets the window close after all.
  window.webContents.on('will-prevent-unload', (event) => {
    const { message, detail, buttons } = dialogText(uiLanguage).unsavedChanges;
    const choice = dialog.showMessageBoxSync(window, { type: 'question', buttons, defaultId: 1, cancelId: 1, message, detail });
    if (choice === 0) {
      // The user chose to lose the changes: the hot-exit backup must not bring them back.
      void backups.discard(DEFAULT_SESSION).catch(() => undefined);
      event.preventDefault();
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  void app.whenReady().then(async () => {
    applyContentsHardening(electron);
    serveRenderer(electron, rendererDirFrom(distDir()));
    backups = createBackupStore(join(app.getPath('userData'), 'backups'));
    registerIpc(createService(backups));
    await installMenu();
    mainWindow = createWindow(backups);
  }).catch((error: unknown) => {
    dialog.showErrorBox(dialogText(uiLanguage).startFailed, error instanceof Error ? error.message : String(error));
    app.quit();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (Window.getAllWindows().length === 0 && backups) mainWindow = createWindow(backups);
  });
}

// The scheme must be registered before the app is ready; everything else waits for ready.
registerAppScheme(electron);
start();
