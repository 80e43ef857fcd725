import type { GraphDocument, GraphEdge, GraphNode } from '../graph/document';
import { parseGraphDocument } from '../graph/parse';
import { MNIST_CLASSES as CLASSES, MNIST_PIXELS as PIXELS } from '../mnist';
import type { TrainingResult } from './protocol';
import { mnistBatchOp } from '../ops/mnist-batch';
import { LOSS_KIND } from './training-graph';

export const STEP_INPUT_ID = 'drawn-x';
export const STEP_LABEL_ID = 'drawn-t';
export const STEP_SOFTMAX_ID = 'probabilities';
export const STEP_PROBABILITIES_OUTPUT_ID = 'probabilities-out';

/**
 * The trained graph with one drawn image as its input: the MNIST batch node becomes two Tensor
 * nodes (x: 1×784 pixels, t: the chosen label one-hot), and a Softmax beside the loss shows the
 * probabilities the pad shows. Its Output starts the backward pass with 0, so the gradients the
 * learner steps are those of the loss alone.
 */
export function stepDocument(result: Pick<TrainingResult, 'graphText'>, pixels: ArrayLike<number>, label: number, name: string): GraphDocument {
  if (pixels.length !== PIXELS) throw new RangeError(`a drawn image has ${PIXELS} pixels, got ${pixels.length}`);
  if (!Number.isInteger(label) || label < 0 || label >= CLASSES) throw new RangeError(`a label is a digit 0–9, got ${label}`);
  const parsed = parseGraphDocument(result.graphText);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const doc = parsed.document;
  const batch = doc.nodes.find((n) => n.kind === mnistBatchOp.kind);
  const loss = doc.nodes.find((n) => n.kind === LOSS_KIND);
  if (!batch || !loss) throw new Error('the trained graph has no MNIST batch and Softmax-with-Loss to put the drawing in');
  const scores = doc.edges.find((e) => e.target === loss.id && e.targetHandle === 'x');
  if (!scores) throw new Error('the Softmax-with-Loss node has no scores coming in');

  const at = (node: GraphNode, dx: number, dy: number) => ({ x: node.position.x + dx, y: node.position.y + dy });
  const nodes: GraphNode[] = [
    ...doc.nodes.filter((n) => n.id !== batch.id),
    { id: STEP_INPUT_ID, kind: 'Tensor', label: 'x (drawn)', position: at(batch, 0, -60), params: { value: [Array.from(pixels)] } },
    { id: STEP_LABEL_ID, kind: 'Tensor', label: `t (label ${label})`, position: at(batch, 0, 120), params: { value: [Array.from({ length: CLASSES }, (_, c) => (c === label ? 1 : 0))] } },
    { id: STEP_SOFTMAX_ID, kind: 'Softmax', label: 'Softmax', position: at(loss, 0, 220), params: {} },
    { id: STEP_PROBABILITIES_OUTPUT_ID, kind: 'Output', label: 'probabilities', position: at(loss, 320, 220), params: { grad: 0 } },
  ];
  const renamed: Record<string, string> = { x: STEP_INPUT_ID, t: STEP_LABEL_ID };
  const edges: GraphEdge[] = doc.edges.map((e) => {
    if (e.source !== batch.id) return e;
    const source = renamed[e.sourceHandle];
    return { ...e, id: `${source}.out->${e.target}.${e.targetHandle}`, source, sourceHandle: 'out' };
  });
  edges.push(
    { id: `${scores.source}.${scores.sourceHandle}->${STEP_SOFTMAX_ID}.x`, source: scores.source, sourceHandle: scores.sourceHandle, target: STEP_SOFTMAX_ID, targetHandle: 'x' },
    { id: `${STEP_SOFTMAX_ID}.out->${STEP_PROBABILITIES_OUTPUT_ID}.x`, source: STEP_SOFTMAX_ID, sourceHandle: 'out', target: STEP_PROBABILITIES_OUTPUT_ID, targetHandle: 'x' },
  );
  return { ...doc, name, nodes, edges };
}
