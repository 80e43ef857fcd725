import type { ExampleInfo } from '../../app/api/contract';
import type { MenuItemConstructorOptions } from './electron-types';

/**
 * The application menu. Each item sends a command name to the renderer (renderer/commands.ts maps
 * these names to its commands); examples send `example:<file>`. Editing commands go to the renderer
 * rather than to Electron's roles because undo and copy act on the graph, not on a text field.
 */
export function buildMenuTemplate(examples: readonly ExampleInfo[], send: (command: string) => void, isMac: boolean): MenuItemConstructorOptions[] {
  const item = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    // The renderer handles these keys itself (renderer/commands.ts); registering them here too would
    // run each command twice and steal Ctrl+C/V/Z from text fields.
    registerAccelerator: false,
    click: () => send(command),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const exampleItems: MenuItemConstructorOptions[] = examples.length
    ? examples.map((example) => item(example.name, `example:${example.file}`))
    : [{ label: '(no examples found)', enabled: false }];

  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        item('New', 'new', 'CmdOrCtrl+N'),
        item('Open…', 'open', 'CmdOrCtrl+O'),
        { label: 'Examples', submenu: exampleItems },
        separator,
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
        separator,
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        separator,
        item('Copy', 'copy', 'CmdOrCtrl+C'),
        item('Paste', 'paste', 'CmdOrCtrl+V'),
        item('Delete', 'delete'),
        item('Select All', 'select-all', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: '&Run',
      submenu: [
        item('Step Forward', 'step-forward', 'F10'),
        item('Step Backward', 'step-backward', 'Shift+F10'),
        item('Run Forward', 'run-forward', 'CmdOrCtrl+Enter'),
        item('Run Backward', 'run-backward', 'CmdOrCtrl+Shift+Enter'),
        item('Reset', 'reset'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Fit View', 'fit-view', 'Shift+F'),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
