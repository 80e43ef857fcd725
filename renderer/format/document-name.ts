import type { TFunction } from 'i18next';
import { UNTITLED } from '../../app/graph/document';
import { exampleName } from './example-words';

/** A graph's name as the page shows it: the unnamed graph's "Untitled" and an example's name in the user's language. */
export function documentName(name: string, t: TFunction): string {
  return !name || name === UNTITLED ? t('common:fileCommands.untitled') : exampleName(t, name);
}
