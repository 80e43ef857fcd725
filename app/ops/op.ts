import { CodedError } from '../i18n/messages';
import type { Backend } from '../tensor/backend';
import type { FusedActivation } from '../tensor/mlp-kernel';
import type { Tensor } from '../tensor/tensor';

/** Palette groups, in the order the palette shows them; the registry files each op under one. */
export const OP_CATEGORIES = ['input', 'operation', 'layer', 'loss'] as const;
export type OpCategory = (typeof OP_CATEGORIES)[number];

export type ParamValue = number | string | boolean | number[] | number[][] | null;

/** One editable parameter of a node, shown in the inspector as `param-<name>`. */
export interface ParamSpec {
  readonly name: string;
  readonly label: string;
  readonly type: 'number' | 'integer' | 'matrix' | 'select' | 'indices' | 'boolean';
  readonly default: ParamValue;
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly description?: string;
}

export type Params = Readonly<Record<string, ParamValue>>;
export type PortValues = Readonly<Record<string, Tensor>>;
export type PortShapes = Readonly<Record<string, readonly number[]>>;

export interface MnistBatchRequest {
  readonly split: 'train' | 'test';
  readonly batchSize: number;
  readonly seed: number;
  /** Explicit image indices; when given, batchSize and seed are ignored. */
  readonly indices?: readonly number[];
}

/** Gives source nodes the data that lives outside the graph (MNIST), synchronously. */
export interface DataProvider {
  mnistBatch(request: MnistBatchRequest): { x: Tensor; t: Tensor };
}

export interface OpContext {
  readonly backend: Backend;
  readonly params: Params;
  readonly nodeId: string;
  /** A tensor stored in the graph document for this node (trained weights), if any. */
  readonly stored?: Tensor;
  readonly data?: DataProvider;
}

export interface ForwardResult {
  readonly outputs: PortValues;
  /** Whatever backward needs (the chapter's mask, out, x). */
  readonly cache?: unknown;
}

/** Activations the fused MLP kernels know (app/tensor/mlp-kernel.ts); an op declares which one it is. */
export type { FusedActivation };

export interface FusedActivationSpec {
  readonly activation: FusedActivation;
  /** LeakyReLU's slope for x < 0, read from the node's parameters. */
  slope?(params: Params): number;
}

/**
 * Inputs the registry-driven tests run the op on (app/ops/registry-driven.test.ts): shapes, parameters,
 * and what the values must be for the numerical gradient to be meaningful.
 */
export interface OpSample {
  readonly inputs: PortShapes;
  readonly params?: Params;
  /** Magnitudes of the random inputs (their signs are random): away from kinks and poles. Default [0.5, 1.5]. */
  readonly range?: readonly [number, number];
  /** Inputs that hold one-hot labels rather than random values. */
  readonly labels?: readonly string[];
  /** Inputs that must be positive (a log's argument). */
  readonly positive?: readonly string[];
  /** The largest relative error of backward against the numerical gradient; default 1e-7. */
  readonly tolerance?: number;
}

/**
 * Thrown by inferShape: a catalog sentence (its code and params, so the page says it in its language)
 * naming the shapes that do not fit ("cannot combine 2×3 with 4 …"). It does not name the op: compile,
 * which calls inferShape, puts the node (kind and id) in front of the sentence.
 */
export class ShapeError extends CodedError {
  override readonly name = 'ShapeError';
}

/** What an op file declares (app/ops/<name>.ts); the registry fills in the defaults (`registerOp`). */
export interface OpDefinition {
  /** Registry key and graph-file `kind`: Mul, Add, Relu, ... */
  readonly kind: string;
  /** The name the palette and the node show; defaults to the kind. */
  readonly title?: string;
  /** One line, shown in the palette and the inspector. */
  readonly description: string;
  readonly inputs: readonly string[];
  /** Defaults to one output, `out`. */
  readonly outputs?: readonly string[];
  /** Defaults to none. */
  readonly params?: readonly ParamSpec[];
  /** KaTeX: the forward formula and the local derivative of the output with respect to each input. */
  readonly formula: { readonly forward: string; readonly derivatives: Readonly<Record<string, string>> };
  /** True for Parameter: the trainer updates it and gradcheck checks it. */
  readonly trainable?: boolean;
  /** True for MnistBatch: the node reads the MNIST data set, so it cannot run where that is missing. */
  readonly needsMnist?: boolean;
  /** True for Output: the end of the graph, whose upstream gradient seeds the backward pass. */
  readonly terminal?: boolean;
  /** This op is one of the fused kernels' activations: a chain of Affine and these trains on the fused kernel. */
  readonly fusedActivation?: FusedActivationSpec;
  /** At least one sample per op: the registry-driven tests check shapes, gradients and fused agreement on them. */
  readonly samples: readonly OpSample[];
  /** Output shapes from input shapes; throws ShapeError naming the shapes that do not fit. */
  inferShape(inputs: PortShapes, params: Params): PortShapes;
  forward(inputs: PortValues, ctx: OpContext): ForwardResult;
  /** Gradients for every input port, each of that input's shape. */
  backward(gradOutputs: PortValues, cache: unknown, inputs: PortValues, ctx: OpContext): PortValues;
}

/** An op as the registry hands it to everyone else: the definition with every default filled in. */
export interface RegisteredOp extends OpDefinition {
  readonly category: OpCategory;
  readonly title: string;
  readonly outputs: readonly string[];
  readonly params: readonly ParamSpec[];
}
