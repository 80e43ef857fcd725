import type { Params } from '../../ops/op';

/** One node a composite opens into, placed relative to the composite's position. */
export interface InnerNode {
  readonly key: string;
  readonly kind: string;
  /** The chapter's name for the step, e.g. "× (−1)". */
  readonly label: string;
  readonly params?: Params;
  readonly dx: number;
  readonly dy: number;
}

/** "key.port" */
type PortRef = `${string}.${string}`;

/**
 * How a composite node opens into primitive nodes: the inner nodes, the edges among them, and which
 * inner port takes each of the composite's outer inputs and gives each of its outputs.
 */
export interface CompositeDefinition {
  readonly kind: string;
  readonly inner: readonly InnerNode[];
  readonly internal: readonly (readonly [PortRef, PortRef])[];
  readonly inputs: Readonly<Record<string, PortRef>>;
  readonly outputs: Readonly<Record<string, PortRef>>;
  /** How far nodes to the right of the composite move to make room. */
  readonly width: number;
}

/** The distance between an opened composite's columns, and between its main row and the constants' row. */
export const STEP = 220;
export const BELOW = 130;

export const COMPOSITES: readonly CompositeDefinition[] = [
  {
    // The chapter's figure: x → ×(−1) → exp → +1 → / → y. Each constant sits one column before the
    // step it feeds and a row below, so every edge runs left to right and no node covers another.
    kind: 'Sigmoid',
    inner: [
      { key: 'negate', kind: 'Mul', label: '× (−1)', dx: STEP, dy: 0 },
      { key: 'minus_one', kind: 'Scalar', label: '−1', params: { value: -1 }, dx: 0, dy: BELOW },
      { key: 'exp', kind: 'Exp', label: 'exp', dx: 2 * STEP, dy: 0 },
      { key: 'plus_one', kind: 'Add', label: '+ 1', dx: 3 * STEP, dy: 0 },
      { key: 'one', kind: 'Scalar', label: '1', params: { value: 1 }, dx: 2 * STEP, dy: BELOW },
      { key: 'reciprocal', kind: 'Reciprocal', label: '1/x', dx: 4 * STEP, dy: 0 },
    ],
    internal: [
      ['minus_one.out', 'negate.y'],
      ['negate.out', 'exp.x'],
      ['exp.out', 'plus_one.x'],
      ['one.out', 'plus_one.y'],
      ['plus_one.out', 'reciprocal.x'],
    ],
    inputs: { x: 'negate.x' },
    outputs: { out: 'reciprocal.out' },
    width: 4 * STEP,
  },
  {
    // X · W, then + B with the bias broadcast over the batch (Add sums it back in backward).
    kind: 'Affine',
    inner: [
      { key: 'dot', kind: 'MatMul', label: 'dot', dx: 0, dy: 0 },
      { key: 'plus_b', kind: 'Add', label: '+ b', dx: STEP, dy: 0 },
    ],
    internal: [['dot.out', 'plus_b.x']],
    inputs: { x: 'dot.x', W: 'dot.W', b: 'plus_b.y' },
    outputs: { out: 'plus_b.out' },
    width: STEP,
  },
  {
    kind: 'SoftmaxWithLoss',
    inner: [
      { key: 'softmax', kind: 'Softmax', label: 'Softmax', dx: 0, dy: 0 },
      { key: 'cross_entropy', kind: 'CrossEntropy', label: 'Cross-entropy', dx: STEP, dy: 0 },
    ],
    internal: [['softmax.out', 'cross_entropy.y']],
    inputs: { x: 'softmax.x', t: 'cross_entropy.t' },
    outputs: { out: 'cross_entropy.out' },
    width: STEP,
  },
];

export function compositeFor(kind: string): CompositeDefinition | undefined {
  return COMPOSITES.find((c) => c.kind === kind);
}

/** The id an inner node gets: the composite's id, two underscores, its key. */
export const innerId = (compositeId: string, key: string): string => `${compositeId}__${key}`;
export const innerEdgeId = (compositeId: string, index: number): string => `${compositeId}__e${index + 1}`;

/** Splits "key.port". */
export function portRef(ref: string): { key: string; port: string } {
  const dot = ref.indexOf('.');
  return { key: ref.slice(0, dot), port: ref.slice(dot + 1) };
}

/** Only nodes level with the composite move aside: the band it occupies once opened. */
export const BAND = { above: 150, below: BELOW + 130 } as const;

/** Between a composite's label and an inner node's own name, so collapse can give the label back. */
export const LABEL_SEPARATOR = ' · ';
