import type { ExampleInfo } from '../../app/api/contract';
import { menuAccelerator, type CommandId } from '../../app/commands';
import { LANGUAGES, type Language } from '../../app/i18n/languages';
import enMenu from '../../app/i18n/locales/en/menu.json';
import zhMenu from '../../app/i18n/locales/zh-CN/menu.json';
import enToolbar from '../../app/i18n/locales/en/toolbar.json';
import zhToolbar from '../../app/i18n/locales/zh-CN/toolbar.json';
import enCommon from '../../app/i18n/locales/en/common.json';
import zhCommon from '../../app/i18n/locales/zh-CN/common.json';
import type { MenuItemConstructorOptions } from './electron-types';

type MenuKey = keyof typeof enMenu;

// main reads the renderer's catalogs directly (no i18next here): the menu's words, the examples'
// names (toolbar namespace) and the names of the languages (common namespace).
const MENU: Record<Language, Record<MenuKey, string>> = { en: enMenu, 'zh-CN': zhMenu };
const EXAMPLES: Record<Language, Record<string, unknown>> = { en: enToolbar.examples, 'zh-CN': zhToolbar.examples };
const LANGUAGE_NAMES: Record<Language, Record<Language, string>> = { en: enCommon.language, 'zh-CN': zhCommon.language };

function exampleName(language: Language, example: ExampleInfo): string {
  const entry = EXAMPLES[language][example.file.replace(/\.json$/, '')] as { name?: string } | undefined;
  return entry?.name ?? example.name;
}

/**
 * The application menu in the UI language. Each item sends a command name to the renderer
 * (with the keys app/commands.ts gives each); examples send `example:<file>`, the Help
 * menu `lessons`, `welcome` and `language:<code>`. Editing commands go to the renderer rather than to
 * Electron's roles because undo and copy act on the graph, not on a text field.
 */
export function buildMenuTemplate(
  examples: readonly ExampleInfo[],
  send: (command: string) => void,
  isMac: boolean,
  language: Language = 'en',
): MenuItemConstructorOptions[] {
  const text = (key: MenuKey) => MENU[language][key];
  const item = (key: MenuKey, command: CommandId | 'lessons' | 'welcome'): MenuItemConstructorOptions => ({
    label: text(key),
    accelerator: command === 'lessons' || command === 'welcome' ? undefined : menuAccelerator(command, isMac),
    // The renderer handles these keys itself (app/commands.ts); registering them here too would
    // run each command twice and steal Ctrl+C/V/Z from text fields.
    registerAccelerator: false,
    click: () => send(command),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const exampleItems: MenuItemConstructorOptions[] = examples.length
    ? examples.map((example) => ({ label: exampleName(language, example), registerAccelerator: false, click: () => send(`example:${example.file}`) }))
    : [{ label: text('noExamples'), enabled: false }];
  const languageItems: MenuItemConstructorOptions[] = LANGUAGES.map((code) => ({
    label: LANGUAGE_NAMES[language][code],
    type: 'radio',
    checked: code === language,
    registerAccelerator: false,
    click: () => send(`language:${code}`),
  }));

  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: text('file'),
      submenu: [
        item('new', 'new'),
        item('open', 'open'),
        { label: text('examples'), submenu: exampleItems },
        separator,
        item('save', 'save'),
        item('saveAs', 'saveAs'),
        separator,
        isMac ? { role: 'close', label: text('close') } : { role: 'quit', label: text('quit') },
      ],
    },
    {
      label: text('edit'),
      submenu: [
        item('undo', 'undo'),
        item('redo', 'redo'),
        separator,
        item('copy', 'copy'),
        item('paste', 'paste'),
        item('delete', 'delete'),
        item('selectAll', 'selectAll'),
      ],
    },
    {
      label: text('run'),
      submenu: [
        item('stepForward', 'stepForward'),
        item('stepBackward', 'stepBackward'),
        item('rewindStep', 'rewindStep'),
        item('runForward', 'runForward'),
        item('runBackward', 'runBackward'),
        item('reset', 'reset'),
      ],
    },
    {
      label: text('view'),
      submenu: [
        item('fitView', 'fitView'),
        separator,
        { role: 'resetZoom', label: text('resetZoom') },
        { role: 'zoomIn', label: text('zoomIn') },
        { role: 'zoomOut', label: text('zoomOut') },
        separator,
        { role: 'togglefullscreen', label: text('fullscreen') },
        { role: 'toggleDevTools', label: text('devTools') },
      ],
    },
    { role: 'windowMenu', label: text('window') },
    {
      label: text('help'),
      submenu: [item('lessons', 'lessons'), item('welcome', 'welcome'), separator, { label: text('language'), submenu: languageItems }],
    },
  ];
}
