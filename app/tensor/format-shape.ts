/**
 * Shapes for people, the one way the edges, the status bar, the inspector, the explain panel, the
 * problems and the CLI write them: rows×columns as the chapter's figures read ("3×784"), a vector by
 * its length ("784"), a scalar by a word (English by default; the UI passes its language's word).
 */
export function formatShape(shape: readonly number[], scalarWord = 'scalar'): string {
  return shape.length === 0 ? scalarWord : shape.join('×');
}

/** The same shape inside a KaTeX formula: "3\times 784", "784", a scalar's word as text; a size may be a symbol (N). */
export function formatShapeTex(shape: readonly (number | string)[], scalarWord = 'scalar'): string {
  return shape.length === 0 ? `\\text{${scalarWord}}` : shape.join('\\times ');
}
