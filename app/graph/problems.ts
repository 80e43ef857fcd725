import { englishMessage, type Message, type MessageCode, type MessageParams } from '../i18n/messages';

/**
 * A problem compile finds in a graph: a stable `code` and its `params` (what a translation needs),
 * and the English sentence of that catalog entry (see app/i18n/messages.ts).
 */
export type ProblemCode = MessageCode;

export type ProblemParams = MessageParams;

export interface Problem {
  readonly code: ProblemCode;
  readonly params: ProblemParams;
  /** The English sentence. */
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  /** Every node involved, when there are several (the nodes of a cycle); nodeId is then unset. */
  readonly nodeIds?: readonly string[];
}

export function problem(
  code: ProblemCode,
  params: ProblemParams,
  where: { readonly nodeId?: string; readonly edgeId?: string; readonly nodeIds?: readonly string[] } = {},
): Problem {
  return { code, params, message: englishMessage(code, params), ...where };
}

/**
 * The params that name the node a problem is about: `node` ("Mul m", the developer's name, kept for
 * old readers) and the parts the catalog names it from ("Multiply node m", "乘法节点 m").
 */
export function nodeParams(node: { readonly kind: string; readonly id: string; readonly label?: string }, port?: string): ProblemParams {
  return {
    node: port === undefined ? `${node.kind} ${node.id}` : `${node.kind} ${node.id} output ${port}`,
    nodeKind: node.kind,
    nodeId: node.id,
    ...(node.label ? { nodeLabel: node.label } : {}),
    ...(port === undefined ? {} : { nodePort: port }),
  };
}

/** 1600000000 → "1,600,000,000": the same in every locale the CLI runs in. */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e21) return n.toExponential(3);
  const [whole, fraction] = String(Math.abs(Math.round(n * 1e6) / 1e6)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * "The graph cannot run/be trained: <the first problem> (it has N problems in all)": the first problem
 * travels as a coded part (`problemCode`), so the refusal reads in any language (app/i18n/say.ts).
 */
export function refusalOf(what: 'run' | 'train', problems: readonly [Message, ...Message[]]): Message & { readonly code: MessageCode; readonly params: MessageParams } {
  const [first] = problems;
  const more = problems.length > 1;
  const code: MessageCode = what === 'run' ? (more ? 'graph_cannot_run_more' : 'graph_cannot_run') : more ? 'graph_cannot_train_more' : 'graph_cannot_train';
  const params = { ...first.params, ...(first.code ? { problemCode: first.code } : {}), problem: first.message, ...(more ? { total: String(problems.length) } : {}) };
  return { message: englishMessage(code, params), code, params };
}
