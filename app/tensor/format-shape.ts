/**
 * Shapes for people, the one way the edges, the status bar, the inspector, the explain panel, the
 * problems and the CLI write them: rows×columns as the chapter's figures read ("3×784"), a vector by
 * its length ("784"), a scalar by a word (English by default; the UI passes its language's word).
 */
export function formatShape(shape: readonly number[], scalarWord = 'scalar'): string {
  return shape.length === 0 ? scalarWord : shape.join('×');
}
