import { createStore } from 'zustand/vanilla';
import type { WorkspaceListing } from '../../app/api/contract';

/** What the user answered in the Save As dialog of browser mode. */
export interface SaveAsChoice {
  readonly name: string;
  /** True when the user confirmed replacing a file of that name. */
  readonly overwrite: boolean;
}

interface SaveAsRequest {
  readonly listing: WorkspaceListing;
  readonly suggestedName: string;
  answer(choice: SaveAsChoice | null): void;
}

/** The one open Save As question (or none); the dialog renders it, the file commands await it. */
export const saveAsPrompt = createStore<{ request: SaveAsRequest | null }>(() => ({ request: null }));

export function askForSaveName(listing: WorkspaceListing, suggestedName: string): Promise<SaveAsChoice | null> {
  saveAsPrompt.getState().request?.answer(null);
  return new Promise((resolve) => {
    saveAsPrompt.setState({
      request: {
        listing,
        suggestedName,
        answer(choice) {
          saveAsPrompt.setState({ request: null });
          resolve(choice);
        },
      },
    });
  });
}

export type SaveNameProblem = 'empty' | 'slash' | 'hidden' | 'tooLong';

/** The file name a typed name saves as: trimmed, with .json added unless it ends so already. */
export function graphFileName(typed: string): string {
  const name = typed.trim();
  return /\.json$/i.test(name) ? name : `${name}.json`;
}

/** Why a typed name cannot be saved in the workspace, or null when it can. */
export function saveNameProblem(typed: string): SaveNameProblem | null {
  const name = typed.trim();
  if (name === '' || /^\.json$/i.test(name)) return 'empty';
  if (/[/\\\0]/.test(name)) return 'slash';
  if (name.startsWith('.')) return 'hidden';
  if (graphFileName(name).length > 255) return 'tooLong';
  return null;
}
