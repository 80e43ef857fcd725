import type { Language } from '../../app/i18n/languages';
import enDialogs from '../../app/i18n/locales/en/dialogs.json';
import zhDialogs from '../../app/i18n/locales/zh-CN/dialogs.json';
import type { FileFilter } from './electron-types';

// The native dialogs' words, read from the same catalogs as the renderer's (main has no i18next).
const DIALOGS: Record<Language, typeof enDialogs> = { en: enDialogs, 'zh-CN': zhDialogs };

type Key = 'openTitle' | 'saveTitle' | 'graphFiles' | 'allFiles' | 'startFailed' | 'noWindow' | `unsaved.${keyof typeof enDialogs.unsaved}`;

export interface DialogText {
  readonly openTitle: string;
  readonly saveTitle: string;
  readonly filters: FileFilter[];
  /** The box shown when the window is closed with unsaved changes; button 0 discards them. */
  readonly unsavedChanges: { readonly message: string; readonly detail: string; readonly buttons: string[] };
  readonly startFailed: string;
  readonly noWindow: string;
}

export function dialogText(language: Language): DialogText {
  const text = (key: Key): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], DIALOGS[language]) as string;
  return {
    openTitle: text('openTitle'),
    saveTitle: text('saveTitle'),
    filters: [
      { name: text('graphFiles'), extensions: ['json'] },
      { name: text('allFiles'), extensions: ['*'] },
    ],
    unsavedChanges: {
      message: text('unsaved.message'),
      detail: text('unsaved.detail'),
      buttons: [text('unsaved.discard'), text('unsaved.cancel')],
    },
    startFailed: text('startFailed'),
    noWindow: text('noWindow'),
  };
}
