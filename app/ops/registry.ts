import { OP_CATEGORIES, type OpCategory, type OpDefinition, type ParamSpec, type RegisteredOp } from './op';
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

/** Every node kind by palette group, each group in the order the chapter meets its ops. */
const paletteGroups: Readonly<Record<OpCategory, readonly OpDefinition[]>> = {
  input: [scalarOp, tensorOp, parameterOp, mnistBatchOp, outputOp],
  operation: [mulOp, addOp, expOp, reciprocalOp, matmulOp],
  layer: [reluOp, sigmoidOp, tanhOp, leakyReluOp, affineOp, softmaxOp],
  loss: [softmaxWithLossOp, crossEntropyOp],
};

const ONE_OUTPUT: readonly string[] = ['out'];
const NO_PARAMS: readonly ParamSpec[] = [];

/** The op format's defaults and the op's palette group, filled in here once so that no consumer meets a missing field. */
export function registerOp(definition: OpDefinition, category: OpCategory): RegisteredOp {
  const { kind, title = kind, outputs = ONE_OUTPUT, params = NO_PARAMS } = definition;
  return { ...definition, category, title, outputs, params };
}

const paletteOrder: readonly RegisteredOp[] = OP_CATEGORIES.flatMap((category) => paletteGroups[category].map((op) => registerOp(op, category)));

export const opRegistry: Readonly<Record<string, RegisteredOp>> = Object.freeze(
  Object.fromEntries(paletteOrder.map((op) => [op.kind, op])),
);

export function hasOp(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(opRegistry, kind);
}

export function getOp(kind: string): RegisteredOp {
  if (!hasOp(kind)) throw new Error(`unknown node kind '${kind}'`);
  return opRegistry[kind];
}

export function listOps(): readonly RegisteredOp[] {
  return paletteOrder;
}
