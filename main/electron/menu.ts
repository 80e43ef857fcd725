import type { ExampleInfo } from '../../app/api/contract';
import { menuAccelerator, type CommandId } from '../../app/commands';
import type { MenuItemConstructorOptions } from './electron-types';

/**
 * The application menu. Each item sends a command id to the renderer, with the keys app/commands.ts
 * gives it; examples send `example:<file>`. Editing commands go to the renderer
 * rather than to Electron's roles because undo and copy act on the graph, not on a text field.
 */
export function buildMenuTemplate(examples: readonly ExampleInfo[], send: (command: string) => void, isMac: boolean): MenuItemConstructorOptions[] {
  const item = (label: string, command: CommandId): MenuItemConstructorOptions => ({
    label,
    accelerator: menuAccelerator(command, isMac),
    // The renderer handles these keys itself (renderer/commands.ts); registering them here too would
    // run each command twice and steal Ctrl+C/V/Z from text fields.
    registerAccelerator: false,
    click: () => send(command),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const exampleItems: MenuItemConstructorOptions[] = examples.length
    ? examples.map((example) => ({ label: example.name, click: () => send(`example:${example.file}`) }))
    : [{ label: '(no examples found)', enabled: false }];

  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        item('New', 'new'),
        item('Open…', 'open'),
        { label: 'Examples', submenu: exampleItems },
        separator,
        item('Save', 'save'),
        item('Save As…', 'saveAs'),
        separator,
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'undo'),
        item('Redo', 'redo'),
        separator,
        item('Copy', 'copy'),
        item('Paste', 'paste'),
        item('Delete', 'delete'),
        item('Select All', 'selectAll'),
      ],
    },
    {
      label: '&Run',
      submenu: [
        item('Step Forward', 'stepForward'),
        item('Step Backward', 'stepBackward'),
        item('Run Forward', 'runForward'),
        item('Run Backward', 'runBackward'),
        item('Reset', 'reset'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Fit View', 'fitView'),
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
