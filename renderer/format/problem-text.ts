import type { TFunction } from 'i18next';
import type { Problem } from '../../app/graph/problems';
import { messageText } from './message-text';

/** A problem as the renderer holds it: compile's carry a code; the English sentence is always there. */
export type ProblemLike = Pick<Problem, 'message'> & Partial<Pick<Problem, 'code' | 'params'>>;

/**
 * A compile problem in the UI language, from its code and params (the `errors` catalog), falling back
 * to the English sentence when there is no code or no translation. `omitNode` drops the leading
 * "Mul mul-2: " where the node is already on screen (its badge, the inspector).
 */
export function problemText(problem: ProblemLike, t: TFunction, options: { readonly omitNode?: boolean } = {}): string {
  const text = messageText(t, problem);
  const node = problem.params?.node;
  if (!options.omitNode || !node) return text;
  for (const separator of [': ', '：']) {
    if (text.startsWith(`${node}${separator}`)) {
      const rest = text.slice(node.length + separator.length);
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }
  }
  return text;
}
