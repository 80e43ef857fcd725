import type { Executor, StepResult } from '../../app/graph/executor';
import type { Message } from '../../app/i18n/messages';
import type { Tensor } from '../../app/tensor/tensor';
import type { FlowNode } from './flow-document';

// The status line is published as a catalog key and its values, never as a sentence: the status bar
// writes it in the UI language when it renders, so switching language rewrites the last status too.

/** A node as the status names it: the label the learner gave it, else its kind (translated when shown). */
export type NodeRef = { readonly label: string } | { readonly kind: string };

/** Tensors at a node's ports, as a step shows them ("out 220", "∂x 1.1, ∂y 1.1"). */
export interface PortTensors {
  readonly ports: readonly { readonly name: string; readonly tensor: Tensor }[];
}

/** A graph's name; the unnamed graph's is shown in the UI language. */
export interface DocumentRef {
  readonly document: string;
}

/** Something app/ said (a step that failed, a compile problem), written from its catalog code; `at`: the node it is about, named on screen. */
export interface SaidRef {
  /** Several messages are written one a line. */
  readonly said: Message | readonly Message[];
  readonly at?: NodeRef;
}

export type StatusValue = string | number | NodeRef | PortTensors | DocumentRef | SaidRef;

/** The error line: a sentence already in the UI language, or a key and values written when shown. */
export type ErrorNote = string | StatusMessage;

export interface StatusMessage {
  /** A catalog key with its namespace, e.g. 'status:added'. */
  readonly key: string;
  readonly values?: Readonly<Record<string, StatusValue>>;
}

export function statusOf(key: string, values?: Record<string, StatusValue>): StatusMessage {
  return values ? { key, values } : { key };
}

export function nodeRef(nodes: readonly FlowNode[], id: string): NodeRef {
  const n = nodes.find((x) => x.id === id);
  if (!n) return { label: id };
  return n.data.label ? { label: n.data.label } : { kind: n.data.kind };
}

/**
 * What a move of the executor did, read from the executor itself: the node that ran and the values
 * (forward) or gradients (backward) it produced, or that a pass is complete (`pass` says which
 * when the move ran no node; else the executor's phase does).
 */
export function stepStatus(executor: Executor, result: StepResult & { ok: true }, pass?: 'forward' | 'backward'): StatusMessage {
  const total = executor.plan.order.length;
  const backward = executor.backwardCursor > 0;
  const id = result.nodeId;
  const op = id ? executor.plan.nodes.get(id)?.op : undefined;
  if (!id || !op) {
    const done = pass ?? (backward && executor.backwardCursor >= total ? 'backward' : 'forward');
    return statusOf(done === 'backward' ? 'status:backwardDone' : 'status:forwardDone');
  }
  const ports: { name: string; tensor: Tensor }[] = [];
  const add = (name: string, tensor: Tensor | undefined) => tensor && ports.push({ name, tensor });
  if (backward) {
    if (op.inputs.length > 0) for (const p of op.inputs) add(`∂${p}`, executor.inputGrad(id, p));
    else for (const p of op.outputs) add(`∂${p}`, executor.outputGrad(id, p));
  } else if (op.terminal) for (const p of op.inputs) add(p, executor.inputValue(id, p));
  else for (const p of op.outputs) add(p, executor.outputValue(id, p));
  const last = (backward ? executor.backwardCursor : executor.forwardCursor) === total;
  const key = `status:step.${backward ? 'backward' : 'forward'}${last ? 'Last' : ''}`;
  const node = executor.plan.nodes.get(id)!.node;
  return statusOf(key, { kind: { kind: node.kind }, ports: { ports } });
}
