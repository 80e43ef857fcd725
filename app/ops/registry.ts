import type { OpDefinition } from './op';
import { addOp } from './add';
import { affineOp } from './affine';
import { crossEntropyOp } from './cross-entropy';
import { expOp } from './exp';
import { matmulOp } from './matmul';
import { leakyReluOp } from './leaky-relu';
import { mnistBatchOp } from './mnist-batch';
import { mulOp } from './mul';
import { outputOp } from './output';
import { parameterOp } from './parameter';
import { reciprocalOp } from './reciprocal';
import { reluOp } from './relu';
import { scalarOp } from './scalar';
import { sigmoidOp } from './sigmoid';
import { softmaxOp } from './softmax';
import { softmaxWithLossOp } from './softmax-with-loss';
import { tanhOp } from './tanh';
import { tensorOp } from './tensor-source';

/** Every node kind, in palette order: by category, then in the order the chapter meets them. */
const paletteOrder: readonly OpDefinition[] = [
  scalarOp,
  tensorOp,
  parameterOp,
  mnistBatchOp,
  outputOp,
  mulOp,
  addOp,
  expOp,
  reciprocalOp,
  matmulOp,
  reluOp,
  sigmoidOp,
  tanhOp,
  leakyReluOp,
  affineOp,
  softmaxOp,
  softmaxWithLossOp,
  crossEntropyOp,
];

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
