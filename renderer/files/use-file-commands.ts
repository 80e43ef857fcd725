import { useCallback, useMemo, type RefObject } from 'react';
import { serializeGraphDocument } from '../../app/graph/parse';
import { useApi, useGraphStoreApi } from '../store/store-context';

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

  const mayDiscard = useCallback(() => {
    const { dirty, name } = store.getState();
    return !dirty || window.confirm(`“${name}” has unsaved changes. Discard them?`);
  }, [store]);

  const fail = useCallback((what: string, e: unknown) => store.getState().setError(`${what}: ${e instanceof Error ? e.message : String(e)}`), [store]);

  const write = useCallback(
    async (asNew: boolean) => {
      const s = store.getState();
      try {
        const saved = await api.saveFile({
          path: asNew ? null : s.path,
          suggestedName: `${s.name || 'Untitled'}.json`,
          text: serializeGraphDocument(s.toDocument()),
        });
        if (saved) s.markSaved(saved.name, saved.path);
      } catch (e) {
        fail('Saving failed', e);
      }
    },
    [api, store, fail],
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
          fail('Opening failed', e);
        }
      },
      async openExample(file) {
        if (!mayDiscard()) return;
        try {
          const opened = await api.readExample(file);
          // An example opens as a new, unsaved document: saving must not overwrite the shipped file.
          if (store.getState().loadText(opened.text, { name: opened.name, path: null })) store.setState({ path: null });
        } catch (e) {
          fail(`Opening the example ${file} failed`, e);
        }
      },
      async openPicked(file) {
        try {
          const text = await file.text();
          store.getState().loadText(text, { name: file.name, path: null });
        } catch (e) {
          fail(`Reading ${file.name} failed`, e);
        }
      },
      save: () => write(false),
      saveAs: () => write(true),
    }),
    [api, store, mayDiscard, fail, write, fileInput],
  );
}
