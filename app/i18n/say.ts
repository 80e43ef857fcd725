/**
 * How a coded message becomes a sentence, in any language: the CLI's English (messages.ts) and the
 * page's i18next both go through here, so the two read alike. A message's params may carry parts
 * that are themselves catalog entries (`reasonCode`, `whereCode`, …: filled in first, from the same
 * params) and the node it is about (`nodeKind`, `nodeId`, `nodeLabel`, `nodePort`: named as the
 * canvas titles it, "Multiply node m", "乘法节点 m").
 */
export interface Words {
  /** The catalog text of `key` ("errors:…", "ops:…") with its placeholders filled, or `fallback` when there is none. */
  text(key: string, values: Readonly<Record<string, string>>, fallback: string): string;
  /** A node's label as the reader sees it on the canvas (the shipped examples' labels are translated). */
  label(label: string): string;
}

type Params = Readonly<Record<string, string>>;

/** Coded parts, innermost first: a place names an item ("node a"), a sentence names the place; a refusal names a whole problem. */
const PARTS = ['item', 'where', 'expected', 'found', 'reason', 'problem'] as const;

/** The node a message is about, by its op's title and its label (else its id); undefined when it names none. */
export function nodeWords(words: Words, params: Params): string | undefined {
  const { nodeKind: kind, nodeId: id, nodeLabel: label, nodePort: port } = params;
  if (kind === undefined || id === undefined) return undefined;
  const title = words.text(`ops:${kind}.title`, {}, kind);
  // A label that only repeats the title ("ReLU" on a ReLU node) tells nothing the id does not.
  const shown = label ? words.label(label) : undefined;
  const named =
    shown && shown !== title && label !== kind
      ? words.text('errors:node_labelled', { title, label: shown }, `${kind} ${label}`)
      : words.text('errors:node_named', { title, id }, `${kind} ${id}`);
  return port === undefined ? named : words.text('errors:node_output', { node: named, port }, `${named} output ${port}`);
}

/** The params with their coded parts and their node written out in the words given. */
export function sayParams(words: Words, params: Params): Record<string, string> {
  const out: Record<string, string> = { ...params };
  const node = nodeWords(words, params);
  if (node !== undefined) out.node = node;
  for (const part of PARTS) {
    const code = params[`${part}Code`];
    if (code !== undefined) out[part] = words.text(`errors:${code}`, out, params[part] ?? code);
  }
  return out;
}

/** The sentence of catalog entry `code` (the `errors` namespace); `fallback` when the words have none. */
export function say(words: Words, code: string, params: Params, fallback: string): string {
  return words.text(`errors:${code}`, sayParams(words, params), fallback);
}
