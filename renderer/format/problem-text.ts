import type { TFunction } from 'i18next';
import type { Problem } from '../../app/graph/problems';
import { nodeWords } from '../../app/i18n/say';
import { messageText, wordsOf } from './message-text';

/** A problem as the renderer holds it: compile's carry a code; the English sentence is always there. */
export type ProblemLike = Pick<Problem, 'message'> & Partial<Pick<Problem, 'code' | 'params'>>;

/**
 * A compile problem in the UI language, from its code and params (the `errors` catalog), falling back
 * to the English sentence when there is no code or no translation. The node it is about is named as
 * the canvas titles it ("乘法节点 m"); `omitNode` drops that leading name where the node is already on
 * screen (its badge, the inspector).
 */
export function problemText(problem: ProblemLike, t: TFunction, options: { readonly omitNode?: boolean } = {}): string {
  const text = messageText(t, problem);
  const params = problem.params ?? {};
  const node = nodeWords(wordsOf(t), params) ?? params.node;
  if (!options.omitNode || !node) return text;
  for (const separator of [': ', '：']) {
    if (text.startsWith(`${node}${separator}`)) {
      const rest = text.slice(node.length + separator.length);
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }
  }
  return text;
}

/** A node on the canvas named as a problem names it ("Multiply node m", "乘法节点“× 消费税”"). */
export function nodeNameText(t: TFunction, node: { readonly id: string; readonly kind: string; readonly label?: string }): string {
  return nodeWords(wordsOf(t), { nodeKind: node.kind, nodeId: node.id, ...(node.label ? { nodeLabel: node.label } : {}) }) ?? node.id;
}
