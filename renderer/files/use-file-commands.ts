import { useCallback, useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { serializeGraphDocument } from '../../app/graph/parse';
import { documentName } from '../format/document-name';
import { messageText } from '../format/message-text';
import { useApi, useGraphStoreApi } from '../store/store-context';
import { askForSaveName } from './save-as-prompt';

export interface FileCommands {
  newFile(): void;
  open(): Promise<void>;
  openExample(file: string): Promise<void>;
  /** Loads a file the user picked in the hidden file input (browser mode). */
  openPicked(file: File): Promise<void>;
  save(): Promise<void>;
  saveAs(): Promise<void>;
}

/** New, Open, Save, Save As and the Examples menu; each asks before unsaved changes are dropped. */
export function useFileCommands(fileInput: RefObject<HTMLInputElement | null>): FileCommands {
  const api = useApi();
  const store = useGraphStoreApi();
  const { t } = useTranslation('common');

  const mayDiscard = useCallback(() => {
    const { dirty, name } = store.getState();
    return !dirty || window.confirm(t('fileCommands.discard', { name: documentName(name, t) }));
  }, [store, t]);

  const fail = useCallback((what: string, e: unknown) => store.getState().setError(`${what}: ${messageText(t, e)}`), [store, t]);

  const write = useCallback(
    async (asNew: boolean) => {
      const s = store.getState();
      const path = asNew ? null : s.path;
      let suggestedName = `${documentName(s.name, t)}.json`;
      let overwrite = false;
      try {
        // Browser mode: a new file gets a name in the workspace dialog, which also says where it goes
        // and asks before replacing a file (Electron shows the system's Save dialog for the same).
        if (path === null && api.mode === 'browser') {
          const listing = await api.listWorkspace();
          if (listing) {
            const choice = await askForSaveName(listing, suggestedName);
            if (!choice) return;
            ({ name: suggestedName, overwrite } = choice);
          }
        }
        const saved = await api.saveFile({
          path,
          suggestedName,
          text: serializeGraphDocument(store.getState().toDocument()),
          ...(overwrite ? { overwrite } : {}),
        });
        if (saved) {
          store.getState().markSaved(saved.name, saved.path);
          store.getState().setStatus('files:saved', { file: saved.name, folder: folderOf(saved.path) });
        }
      } catch (e) {
        fail(t('fileCommands.saveFailed'), e);
      }
    },
    [api, store, fail, t],
  );

  return useMemo<FileCommands>(
    () => ({
      newFile() {
        if (mayDiscard()) store.getState().newDocument();
      },
      async open() {
        if (!mayDiscard()) return;
        try {
          const opened = await api.openFile();
          if (opened) store.getState().loadText(opened.text, { name: opened.name, path: opened.path });
          else if (api.mode === 'browser') fileInput.current?.click();
        } catch (e) {
          fail(t('fileCommands.openFailed'), e);
        }
      },
      async openExample(file) {
        if (!mayDiscard()) return;
        try {
          const opened = await api.readExample(file);
          // An example opens as a new, unsaved document: saving must not overwrite the shipped file.
          if (store.getState().loadText(opened.text, { name: opened.name, path: null })) store.setState({ path: null });
        } catch (e) {
          fail(t('fileCommands.exampleFailed', { file }), e);
        }
      },
      async openPicked(file) {
        try {
          const text = await file.text();
          store.getState().loadText(text, { name: file.name, path: null });
        } catch (e) {
          fail(t('fileCommands.readFailed', { file: file.name }), e);
        }
      },
      save: () => write(false),
      saveAs: () => write(true),
    }),
    [api, store, mayDiscard, fail, write, fileInput, t],
  );
}

/** The folder part of a path, for either separator. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : cut === 0 ? path.slice(0, 1) : path.slice(0, cut);
}
