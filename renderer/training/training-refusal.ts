import { refusalOf } from '../../app/graph/problems';
import type { Message } from '../../app/i18n/messages';
import { graphTextProblems } from '../../app/train/training-document';

/**
 * Why the canvas graph cannot be trained, as one coded message (the panel says it in the page's
 * language), or null when it can. Checked before a run starts: the worker's own refusal is English only.
 */
export function trainingRefusal(graphText: string): Message | null {
  const [first, ...rest] = graphTextProblems(graphText);
  return first ? refusalOf('train', [first, ...rest]) : null;
}
