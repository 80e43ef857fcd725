/**
 * app/ messages name their node ("Mul mul-2: input x is not connected") so they stand alone in the
 * CLI. Where the node is already on screen, the prefix only repeats it.
 */
export function withoutNodePrefix(message: string, kind: string, id: string): string {
  const prefix = `${kind} ${id}: `;
  const rest = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
