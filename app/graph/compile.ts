import { messageOf } from '../i18n/messages';
import { MAX_GRAPH_ELEMENTS, MAX_TENSOR_ELEMENTS } from '../limits';
import type { RegisteredOp } from '../ops/op';
import { formatShape } from '../tensor/format-shape';
import { sizeOf, type Tensor } from '../tensor/tensor';
import type { GraphDocument, GraphEdge, GraphNode } from './document';
import { takeIndex, type IndexOptions, type Shapes } from './graph-index';
import { groupDigits, nodeParams, problem, type Problem } from './problems';
import { checkStoredShape, checkStoredTensors } from './stored-check';
import { topologicalOrder } from './topological-order';

/** What is wrong with a graph: a code and params for translation, and the English sentence. */
export type CompileError = Problem;

export type CompileOptions = IndexOptions;
export type { Shapes };

const CYCLE_NODES_SHOWN = 12;
/** Shared by every node without inputs: read-only, so one object serves all. */
const NO_SHAPES: Shapes = Object.freeze({});

export interface PlanNode {
  readonly node: GraphNode;
  /** Undefined for an unknown kind (the plan then has an error). */
  readonly op: RegisteredOp | undefined;
  /** Position in the document's node list. */
  readonly index: number;
  /** The edge feeding each input port (only ports with exactly one edge). */
  readonly inputEdges: Readonly<Record<string, GraphEdge>>;
  /** The edges leaving each output port, in document order (the fan-out). */
  readonly outputEdges: Readonly<Record<string, readonly GraphEdge[]>>;
  /** Where the node is in the plan's `order` (O(1), unlike order.indexOf); -1 for a node on or after a cycle. */
  readonly orderIndex: number;
  /** Inferred shapes, present when inference succeeded for this node. */
  readonly inputShapes?: Shapes;
  readonly outputShapes?: Shapes;
}

export interface Plan {
  readonly document: GraphDocument;
  /** Node ids in topological order, ties broken by document order. Nodes on a cycle are left out. */
  readonly order: readonly string[];
  readonly nodes: ReadonlyMap<string, PlanNode>;
  /** Edges that join existing nodes through existing ports. */
  readonly edges: ReadonlyMap<string, GraphEdge>;
  readonly outputNodeIds: readonly string[];
  /** The document's stored tensors that decoded cleanly (float32), keyed by node id. Never mutate. */
  readonly storedTensors: ReadonlyMap<string, Tensor>;
  readonly errors: readonly CompileError[];
  readonly ok: boolean;
}

/** Turns a document into an executable plan and the list of what is wrong with it. Pure: never throws. Linear in the graph's size. */
export function compile(document: GraphDocument, options: CompileOptions = {}): Plan {
  const { byId, bySlot, edges, edgeSources, edgeTargets, crowded, terminalIds, errors } = takeIndex(document, options);
  for (const known of bySlot) {
    const op = known.op;
    if (!op || op.inputs.length === 0) continue;
    const arrived = known.inputEdges;
    const extra = crowded.get(known);
    if (op.inputs.length === 1 && !extra) {
      if (arrived[op.inputs[0]] === undefined) errors.push(problem('input_unconnected', { ...nodeParams(known.node), port: op.inputs[0] }, { nodeId: known.node.id }));
      continue;
    }
    // Rebuilt in the op's port order, without the ports that have no single edge.
    const inputEdges: Record<string, GraphEdge> = {};
    for (const port of op.inputs) {
      const first = arrived[port];
      const more = extra?.get(port);
      if (first === undefined) errors.push(problem('input_unconnected', { ...nodeParams(known.node), port }, { nodeId: known.node.id }));
      else if (more) {
        const feeding = [first, ...more];
        const params = { ...nodeParams(known.node), port, count: String(feeding.length), edges: feeding.map((e) => e.id).join(', ') };
        errors.push(problem('input_many_edges', params, { nodeId: known.node.id }));
      } else inputEdges[port] = first;
    }
    known.inputEdges = inputEdges;
  }

  const sorted = topologicalOrder(bySlot.length, edgeSources, edgeTargets);
  for (const cycleSlots of sorted.cycles) {
    const cycle = cycleSlots.map((slot) => bySlot[slot].node.id);
    const shown = cycle.length > CYCLE_NODES_SHOWN ? [...cycle.slice(0, CYCLE_NODES_SHOWN), `… (${cycle.length} nodes)`] : [...cycle, cycle[0]];
    errors.push(problem('cycle', { path: shown.join(' → ') }, { nodeIds: cycle }));
  }

  const stored = checkStoredTensors(document, byId);
  errors.push(...stored.problems);

  const order: string[] = new Array(sorted.order.length);
  let graphElements = 0;
  for (let i = 0; i < sorted.order.length; i++) {
    const known = bySlot[sorted.order[i]];
    const { node, op, inputEdges } = known;
    order[i] = node.id;
    known.orderIndex = i;
    if (!op) continue;
    let inputShapes: Record<string, readonly number[]> | undefined;
    let complete = true;
    for (const port of op.inputs) {
      const edge = inputEdges[port];
      const shape = edge && byId.get(edge.source)!.outputShapes?.[edge.sourceHandle];
      if (!shape) complete = false;
      else (inputShapes ??= {})[port] = shape;
    }
    if (!complete) continue;
    const shapesIn: Shapes = inputShapes ?? NO_SHAPES;
    let outputShapes: Shapes;
    try {
      outputShapes = op.inferShape(shapesIn, node.params);
    } catch (e) {
      errors.push(shapeProblem(node, op, shapesIn, e));
      continue;
    }
    const tooBig = tensorLimitProblem(node, op, outputShapes);
    if (tooBig) {
      errors.push(tooBig);
      continue;
    }
    for (const port in outputShapes) graphElements += sizeOf(outputShapes[port]);
    if (stored.tensors.size > 0) {
      const storedProblem = checkStoredShape(node, stored.tensors.get(node.id), outputShapes[op.outputs[0]]);
      if (storedProblem) errors.push(storedProblem);
    }
    known.inputShapes = shapesIn;
    known.outputShapes = outputShapes;
  }
  if (graphElements > MAX_GRAPH_ELEMENTS) {
    errors.push(problem('graph_too_big', { values: groupDigits(graphElements), limit: groupDigits(MAX_GRAPH_ELEMENTS) }));
  }

  if (terminalIds.length === 0) errors.push(problem('no_output', {}));

  const nodes: ReadonlyMap<string, PlanNode> = byId;

  return { document, order, nodes, edges, outputNodeIds: terminalIds, storedTensors: stored.tensors, errors, ok: errors.length === 0 };
}

/** Where a node is in the plan's order, as `plan.order.indexOf(id)` says it (−1: not in it), in O(1). */
export function orderPosition(plan: Plan, id: string): number {
  return plan.nodes.get(id)?.orderIndex ?? -1;
}

function shapeProblem(node: GraphNode, op: RegisteredOp, inputShapes: Shapes, e: unknown): Problem {
  // The rule's sentence does not name the op: the node leads it. Its code and params travel along,
  // so the page says it in its own language.
  const said = messageOf(e);
  const coded = said.code ? { ...said.params, reasonCode: said.code } : {};
  const reason = said.message;
  const where = { nodeId: node.id };
  const named = op.inputs.every((p) => reason.includes(formatShape(inputShapes[p])));
  if (op.inputs.length === 0 || named) return problem('shape', { ...coded, ...nodeParams(node), reason }, where);
  const inputs = op.inputs.map((p) => `${p} ${formatShape(inputShapes[p])}`).join(', ');
  return problem('shape_inputs', { ...coded, ...nodeParams(node), reason, inputs }, where);
}

/** Every tensor a node makes is checked before anything allocates it: a 300-byte file must not ask for gigabytes. */
function tensorLimitProblem(node: GraphNode, op: RegisteredOp, outputShapes: Shapes): Problem | undefined {
  for (const port in outputShapes) {
    const shape = outputShapes[port];
    const count = sizeOf(shape);
    if (count <= MAX_TENSOR_ELEMENTS) continue;
    const params = { ...nodeParams(node, op.outputs.length > 1 ? port : undefined), shape: formatShape(shape), values: groupDigits(count), limit: groupDigits(MAX_TENSOR_ELEMENTS) };
    return problem('tensor_too_big', params, { nodeId: node.id });
  }
  return undefined;
}
