import { MAX_GRAPH_ELEMENTS, MAX_TENSOR_ELEMENTS } from '../limits';
import type { OpDefinition } from '../ops/op';
import { getOp, hasOp } from '../ops/registry';
import { formatShape, sizeOf, type Tensor } from '../tensor/tensor';
import type { GraphDocument, GraphEdge, GraphNode } from './document';
import { groupDigits, problem, type Problem } from './problems';
import { checkStoredShape, checkStoredTensors } from './stored-check';
import { topologicalOrder } from './topological-order';

/** What is wrong with a graph: a code and params for translation, and the English sentence. */
export type CompileError = Problem;

export interface CompileOptions {
  /** False when the MNIST files cannot be read: MnistBatch nodes then get an error. Unset: not checked. */
  readonly mnistAvailable?: boolean;
}

export type Shapes = Readonly<Record<string, readonly number[]>>;

export interface PlanNode {
  readonly node: GraphNode;
  /** Undefined for an unknown kind (the plan then has an error). */
  readonly op: OpDefinition | undefined;
  /** Position in the document's node list. */
  readonly index: number;
  /** The edge feeding each input port (only ports with exactly one edge). */
  readonly inputEdges: Readonly<Record<string, GraphEdge>>;
  /** The edges leaving each output port, in document order (the fan-out). */
  readonly outputEdges: Readonly<Record<string, readonly GraphEdge[]>>;
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

/** One record per node, filled in as compile goes, so each step looks a node up once. */
interface KnownNode {
  readonly node: GraphNode;
  readonly index: number;
  readonly op: OpDefinition | undefined;
  inputEdges: Record<string, GraphEdge>;
  outputEdges: Record<string, GraphEdge[]>;
  intoPort?: Map<string, GraphEdge[]>;
  inputShapes?: Shapes;
  outputShapes?: Shapes;
}

const nodeName = (node: GraphNode): string => `${node.kind} ${node.id}`;
const CYCLE_NODES_SHOWN = 12;
const portList = (ports: readonly string[]): string => (ports.length > 0 ? ports.join(', ') : '—');

/** Problems of the index phase that make a document unreadable as a graph (parse refuses these; compile reports them). */
export const STRUCTURE_CODES: ReadonlySet<Problem['code']> = new Set(['duplicate_node_id', 'duplicate_edge_id', 'edge_missing_node', 'edge_bad_output', 'edge_bad_input']);

/**
 * The first phase of compile: one record per node and the edges that join existing nodes through
 * existing ports, with the problems found on the way. parse uses it to refuse structurally broken files.
 */
export function indexGraph(document: GraphDocument, options: CompileOptions = {}): { byId: Map<string, KnownNode>; edges: Map<string, GraphEdge>; errors: Problem[] } {
  const errors: Problem[] = [];
  const byId = new Map<string, KnownNode>();

  document.nodes.forEach((node, index) => {
    if (byId.has(node.id)) {
      errors.push(problem('duplicate_node_id', { id: node.id }, { nodeId: node.id }));
      return;
    }
    const op = hasOp(node.kind) ? getOp(node.kind) : undefined;
    if (!op) errors.push(problem('unknown_kind', { id: node.id, kind: node.kind }, { nodeId: node.id }));
    if (op?.needsMnist && options.mnistAvailable === false) errors.push(problem('mnist_unavailable', { node: nodeName(node) }, { nodeId: node.id }));
    const outputEdges: Record<string, GraphEdge[]> = {};
    for (const port of op?.outputs ?? []) outputEdges[port] = [];
    byId.set(node.id, { node, index, op, inputEdges: {}, outputEdges });
  });

  const edges = new Map<string, GraphEdge>();

  for (const edge of document.edges) {
    if (edges.has(edge.id)) {
      errors.push(problem('duplicate_edge_id', { id: edge.id }, { edgeId: edge.id }));
      continue;
    }
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      errors.push(problem('edge_missing_node', { edge: edge.id, id: source ? edge.target : edge.source }, { edgeId: edge.id }));
      continue;
    }
    if (source.op && !source.op.outputs.includes(edge.sourceHandle)) {
      errors.push(problem('edge_bad_output', { edge: edge.id, node: nodeName(source.node), port: edge.sourceHandle, ports: portList(source.op.outputs) }, { edgeId: edge.id, nodeId: edge.source }));
      continue;
    }
    if (target.op && !target.op.inputs.includes(edge.targetHandle)) {
      errors.push(problem('edge_bad_input', { edge: edge.id, node: nodeName(target.node), port: edge.targetHandle, ports: portList(target.op.inputs) }, { edgeId: edge.id, nodeId: edge.target }));
      continue;
    }
    edges.set(edge.id, edge);
    target.intoPort ??= new Map();
    const feeding = target.intoPort.get(edge.targetHandle);
    if (feeding) feeding.push(edge);
    else target.intoPort.set(edge.targetHandle, [edge]);
    // An unknown kind has no ports to list (the plan has an error for it already).
    if (source.op) source.outputEdges[edge.sourceHandle].push(edge);
  }
  return { byId, edges, errors };
}

/** Turns a document into an executable plan and the list of what is wrong with it. Pure: never throws. Linear in the graph's size. */
export function compile(document: GraphDocument, options: CompileOptions = {}): Plan {
  const { byId, edges, errors } = indexGraph(document, options);
  for (const known of byId.values()) {
    const { node, op, inputEdges } = known;
    for (const port of op?.inputs ?? []) {
      const feeding = known.intoPort?.get(port) ?? [];
      const name = nodeName(node);
      if (feeding.length === 0) errors.push(problem('input_unconnected', { node: name, port }, { nodeId: node.id }));
      else if (feeding.length > 1) {
        const params = { node: name, port, count: String(feeding.length), edges: feeding.map((e) => e.id).join(', ') };
        errors.push(problem('input_many_edges', params, { nodeId: node.id }));
      } else inputEdges[port] = feeding[0];
    }
    known.intoPort = undefined;
  }

  const { order, cycles } = topologicalOrder([...byId.keys()], edges.values());
  for (const cycle of cycles) {
    const shown = cycle.length > CYCLE_NODES_SHOWN ? [...cycle.slice(0, CYCLE_NODES_SHOWN), `… (${cycle.length} nodes)`] : [...cycle, cycle[0]];
    errors.push(problem('cycle', { path: shown.join(' → ') }, { nodeIds: cycle }));
  }

  const stored = checkStoredTensors(document, byId);
  errors.push(...stored.problems);

  let graphElements = 0;
  for (const id of order) {
    const known = byId.get(id)!;
    const { node, op, inputEdges } = known;
    if (!op) continue;
    const inputShapes: Record<string, readonly number[]> = {};
    let complete = true;
    for (const port of op.inputs) {
      const edge = inputEdges[port];
      const shape = edge && byId.get(edge.source)!.outputShapes?.[edge.sourceHandle];
      if (!shape) complete = false;
      else inputShapes[port] = shape;
    }
    if (!complete) continue;
    let outputShapes: Shapes;
    try {
      outputShapes = op.inferShape(inputShapes, node.params);
    } catch (e) {
      errors.push(shapeProblem(node, op, inputShapes, e));
      continue;
    }
    const tooBig = tensorLimitProblem(node, op, outputShapes);
    if (tooBig) {
      errors.push(tooBig);
      continue;
    }
    for (const shape of Object.values(outputShapes)) graphElements += sizeOf(shape);
    const storedProblem = checkStoredShape(node, stored.tensors.get(id), outputShapes[op.outputs[0]]);
    if (storedProblem) errors.push(storedProblem);
    known.inputShapes = inputShapes;
    known.outputShapes = outputShapes;
  }
  if (graphElements > MAX_GRAPH_ELEMENTS) {
    errors.push(problem('graph_too_big', { values: groupDigits(graphElements), limit: groupDigits(MAX_GRAPH_ELEMENTS) }));
  }

  const outputNodeIds = [...byId.values()].filter(({ op }) => op?.terminal).map(({ node }) => node.id);
  if (outputNodeIds.length === 0) errors.push(problem('no_output', {}));

  const nodes: ReadonlyMap<string, PlanNode> = byId;

  return { document, order, nodes, edges, outputNodeIds, storedTensors: stored.tensors, errors, ok: errors.length === 0 };
}

function shapeProblem(node: GraphNode, op: OpDefinition, inputShapes: Shapes, e: unknown): Problem {
  const raw = e instanceof Error ? e.message : String(e);
  // The sentence already starts with the node's kind and id: drop the op's own "Mul cannot ...".
  const prefix = [`${op.kind} `, `${op.title} `].find((p) => raw.startsWith(p));
  const reason = prefix ? raw.slice(prefix.length) : raw;
  const shapes = op.inputs.map((p) => `${p} ${formatShape(inputShapes[p])}`).join(', ');
  const detail = op.inputs.length > 0 && !op.inputs.every((p) => reason.includes(formatShape(inputShapes[p]))) ? ` (inputs: ${shapes})` : '';
  return problem('shape', { node: nodeName(node), reason: `${reason}${detail}` }, { nodeId: node.id });
}

/** Every tensor a node makes is checked before anything allocates it: a 300-byte file must not ask for gigabytes. */
function tensorLimitProblem(node: GraphNode, op: OpDefinition, outputShapes: Shapes): Problem | undefined {
  for (const [port, shape] of Object.entries(outputShapes)) {
    const count = sizeOf(shape);
    if (count <= MAX_TENSOR_ELEMENTS) continue;
    const where = op.outputs.length > 1 ? `${nodeName(node)} output ${port}` : nodeName(node);
    const params = { node: where, shape: formatShape(shape), values: groupDigits(count), limit: groupDigits(MAX_TENSOR_ELEMENTS) };
    return problem('tensor_too_big', params, { nodeId: node.id });
  }
  return undefined;
}
