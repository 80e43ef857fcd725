import { compile } from '../../app/graph/compile';
import { parseGraphDocument } from '../../app/graph/parse';
import { refusalOf } from '../../app/graph/problems';
import type { Message } from '../../app/i18n/messages';
import { trainingProblems } from '../../app/train/training-graph';

/**
 * Why the canvas graph cannot be trained, as one coded message (the panel says it in the page's
 * language), or null when it can. Checked before a run starts: the worker's own refusal is English only.
 */
export function trainingRefusal(graphText: string): Message | null {
  const parsed = parseGraphDocument(graphText);
  const problems: readonly Message[] = parsed.ok ? trainingProblems(compile(parsed.document)) : parsed.said;
  const [first, ...rest] = problems;
  return first ? refusalOf('train', [first, ...rest]) : null;
}
