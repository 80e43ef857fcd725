import type { TFunction } from 'i18next';
import { UNTITLED } from '../../app/graph/document';

/** A graph's name as the page shows it: the unnamed graph's "Untitled" in the user's language. */
export function documentName(name: string, t: TFunction): string {
  return !name || name === UNTITLED ? t('common:fileCommands.untitled') : name;
}
