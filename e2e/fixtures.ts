import { _electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// One fixture set for both projects: `page` is a browser tab on the host in the "browser" project
// and the Electron window in the "electron" project, so the specs do not care which they drive.

export const packageRoot = resolve(import.meta.dirname, '..');
export const examplesDir = join(packageRoot, 'assets', 'examples');

/** The Electron binary, or why there is none (the package is an optionalDependency). */
export function findElectron(): { binary?: string; reason?: string } {
  try {
    const binary: unknown = createRequire(join(packageRoot, 'package.json'))('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary };
    return { reason: 'the electron package is present but its binary was not downloaded' };
  } catch {
    return { reason: 'the Electron binary is not installed (the optional dependency "electron" is absent)' };
  }
}

/** localStorage keys the app reads at start (renderer/i18n/index.ts, renderer/welcome/welcome-state.ts). */
export const LANGUAGE_KEY = 'bpstudio.language';
export const WELCOME_SEEN_KEY = 'bpstudio.welcomeSeen';
/** 'off' keeps the restore-after-crash offer away (renderer/files/hot-exit.ts SUPPRESS_RECOVERY_OFFER_KEY). */
export const RECOVERY_OFFER_KEY = 'bpstudio.recovery.offer';

interface Options {
  /** The UI language the app starts in; specs in Chinese say `test.use({ uiLanguage: 'zh-CN' })`. */
  uiLanguage: 'en' | 'zh-CN';
  /** The welcome dialog stays out of the way unless a spec asks for it. */
  showWelcome: boolean;
  /**
   * The restore-after-crash offer likewise: the specs share one host and its backup folder, so one
   * spec's unsaved graph would otherwise be offered in the next. e2e/recovery.spec.ts opts in.
   */
  offerRecovery: boolean;
}

interface Fixtures {
  /** The folder browser-mode saves land in (Electron's Save dialog is answered with it too). */
  workspace: string;
  mode: 'browser' | 'electron';
  electronApp: ElectronApplication | null;
  /** Console messages in which the page reports a Content-Security-Policy violation. */
  cspViolations: string[];
}

export const test = base.extend<Fixtures & Options>({
  uiLanguage: ['en', { option: true }],
  showWelcome: [false, { option: true }],
  offerRecovery: [false, { option: true }],

  workspace: async ({}, use) => {
    const dir = process.env.BPSTUDIO_E2E_WORKSPACE;
    if (!dir) throw new Error('BPSTUDIO_E2E_WORKSPACE is not set; run the specs through playwright.config.ts');
    await use(dir);
  },

  mode: async ({}, use, testInfo) => {
    await use(testInfo.project.name === 'electron' ? 'electron' : 'browser');
  },

  electronApp: async ({ mode, workspace }, use) => {
    if (mode !== 'electron') {
      await use(null);
      return;
    }
    const electron = findElectron();
    test.skip(!electron.binary, `${electron.reason}; the browser project runs these specs`);
    const app = await _electron.launch({ executablePath: electron.binary, args: [packageRoot], cwd: packageRoot });
    // Native dialogs cannot be clicked: answer Save with the workspace and Open with the default path.
    await app.evaluate(({ dialog }, dir) => {
      const name = (path: string | undefined) => (path ?? 'Untitled.json').split(/[\\/]/).pop()!;
      dialog.showSaveDialog = (async (_window: unknown, options: { defaultPath?: string }) => ({
        canceled: false,
        filePath: `${dir}/${name(options.defaultPath)}`,
      })) as typeof dialog.showSaveDialog;
      dialog.showOpenDialog = (async (_window: unknown, options: { defaultPath?: string }) => ({
        canceled: !options.defaultPath,
        filePaths: options.defaultPath ? [options.defaultPath] : [],
      })) as typeof dialog.showOpenDialog;
    }, workspace);
    await use(app);
    await app.close();
  },

  cspViolations: async ({}, use) => {
    await use([]);
  },

  page: async ({ page: browserPage, mode, electronApp, cspViolations, uiLanguage, showWelcome, offerRecovery }, use, testInfo) => {
    const page: Page = mode === 'electron' && electronApp ? await electronApp.firstWindow() : browserPage;
    // Only when absent, so a reload within a spec keeps what the spec (or the user) chose since.
    const startup = ({ keys, language, welcomeSeen, recoveryOffered }: { keys: [string, string, string]; language: string; welcomeSeen: boolean; recoveryOffered: boolean }) => {
      if (localStorage.getItem(keys[0]) === null) localStorage.setItem(keys[0], language);
      if (welcomeSeen && localStorage.getItem(keys[1]) === null) localStorage.setItem(keys[1], 'true');
      if (!recoveryOffered) localStorage.setItem(keys[2], 'off');
    };
    const startupArgs = {
      keys: [LANGUAGE_KEY, WELCOME_SEEN_KEY, RECOVERY_OFFER_KEY] as [string, string, string],
      language: uiLanguage,
      welcomeSeen: !showWelcome,
      recoveryOffered: offerRecovery,
    };
    if (mode === 'browser') await page.addInitScript(startup, startupArgs);
    else {
      await page.evaluate(startup, startupArgs);
      await page.reload();
    }
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    if (mode === 'browser') await page.goto('/');
    // The app asks before discarding unsaved changes; the specs always mean yes.
    page.on('dialog', (dialog) => void dialog.accept());
    await expect(page.getByTestId('canvas')).toBeVisible();
    await use(page);
    // The last state of every spec, kept in the report.
    const path = testInfo.outputPath('last-state.png');
    await page.screenshot({ path }).then(
      () => testInfo.attach('last state', { path, contentType: 'image/png' }),
      () => undefined,
    );
  },
});

export { expect };

/** The example files, sorted like the Examples menu. */
export const exampleFiles = (): string[] => readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();
