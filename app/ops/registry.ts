import type { OpDefinition } from './op';
import { addOp } from './add';
import { mulOp } from './mul';
import { outputOp } from './output';
import { scalarOp } from './scalar';

/** Every node kind, in palette order (by category, then as a learner meets them in the chapter). */
const paletteOrder: readonly OpDefinition[] = [scalarOp, outputOp, mulOp, addOp];

export const opRegistry: Readonly<Record<string, OpDefinition>> = Object.freeze(
  Object.fromEntries(paletteOrder.map((op) => [op.kind, op])),
);

export function hasOp(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(opRegistry, kind);
}

export function getOp(kind: string): OpDefinition {
  if (!hasOp(kind)) throw new Error(`unknown node kind '${kind}'`);
  return opRegistry[kind];
}

export function listOps(): readonly OpDefinition[] {
  return paletteOrder;
}
