import type { RegisteredOp } from '../ops/op';
import { getOp, hasOp } from '../ops/registry';
import type { GraphDocument, GraphEdge, GraphNode } from './document';
import { nodeParams, problem, type Problem } from './problems';

export type Shapes = Readonly<Record<string, readonly number[]>>;

/** One record per node, filled in as compile goes, so each step looks a node up once. Becomes the plan's PlanNode. */
export interface KnownNode {
  readonly node: GraphNode;
  readonly index: number;
  readonly op: RegisteredOp | undefined;
  /** Dense position among the indexed nodes (document order, duplicates left out): the topological sort's numbering. */
  readonly slot: number;
  /** While indexing: the first edge that arrived at each port; after compile: only the ports fed by exactly one edge. */
  inputEdges: Record<string, GraphEdge>;
  outputEdges: Record<string, readonly GraphEdge[]>;
  orderIndex: number;
  inputShapes?: Shapes;
  outputShapes?: Shapes;
}

/** What the first phase of compile finds. */
export interface GraphIndex {
  readonly byId: Map<string, KnownNode>;
  /** The same records by slot. */
  readonly bySlot: readonly KnownNode[];
  readonly edges: Map<string, GraphEdge>;
  /** Each accepted edge's source and target slots, in edge order. */
  readonly edgeSources: readonly number[];
  readonly edgeTargets: readonly number[];
  /** The second and later edges into a port (rare: compile reports them), by target record and port. */
  readonly crowded: Map<KnownNode, Map<string, GraphEdge[]>>;
  readonly terminalIds: readonly string[];
  /** Whether some node reads MNIST (its problem depends on the options). */
  readonly needsMnist: boolean;
  readonly errors: Problem[];
}

export interface IndexOptions {
  /** False when the MNIST files cannot be read: MnistBatch nodes then get an error. Unset: not checked. */
  readonly mnistAvailable?: boolean;
}

const portList = (ports: readonly string[]): string => (ports.length > 0 ? ports.join(', ') : '—');
/** Shared by every output port no edge leaves, and by every node that has no inputs: read-only, so one serves all. */
const NO_EDGES: readonly GraphEdge[] = Object.freeze([]);
const NO_INPUT_EDGES: Record<string, GraphEdge> = Object.freeze({});

/** Problems of the index phase that make a document unreadable as a graph (parse refuses these; compile reports them). */
export const STRUCTURE_CODES: ReadonlySet<Problem['code']> = new Set(['duplicate_node_id', 'duplicate_edge_id', 'edge_missing_node', 'edge_bad_output', 'edge_bad_input']);

/**
 * The first phase of compile: one record per node and the edges that join existing nodes through
 * existing ports, with the problems found on the way. parse uses it to refuse structurally broken files.
 * Two Map lookups per node and four per edge; nothing allocated per edge but the lists of a fan-out.
 */
export function indexGraph(document: GraphDocument, options: IndexOptions = {}): GraphIndex {
  const errors: Problem[] = [];
  const byId = new Map<string, KnownNode>();
  const bySlot: KnownNode[] = [];
  const terminalIds: string[] = [];
  let needsMnist = false;

  const nodes = document.nodes;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (byId.has(node.id)) {
      errors.push(problem('duplicate_node_id', { id: node.id }, { nodeId: node.id }));
      continue;
    }
    const op = hasOp(node.kind) ? getOp(node.kind) : undefined;
    if (!op) errors.push(problem('unknown_kind', { id: node.id, kind: node.kind }, { nodeId: node.id }));
    if (op?.needsMnist) {
      needsMnist = true;
      if (options.mnistAvailable === false) errors.push(problem('mnist_unavailable', nodeParams(node), { nodeId: node.id }));
    }
    const outputEdges: Record<string, readonly GraphEdge[]> = {};
    if (op) for (const port of op.outputs) outputEdges[port] = NO_EDGES;
    if (op?.terminal) terminalIds.push(node.id);
    const inputEdges = op && op.inputs.length > 0 ? {} : NO_INPUT_EDGES;
    const known: KnownNode = { node, index, op, slot: bySlot.length, inputEdges, outputEdges, orderIndex: -1 };
    byId.set(node.id, known);
    bySlot.push(known);
  }

  const edges = new Map<string, GraphEdge>();
  const edgeSources: number[] = [];
  const edgeTargets: number[] = [];
  const crowded = new Map<KnownNode, Map<string, GraphEdge[]>>();

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
    // Ports are looked up in the op's own list: its strings then key the records (one shape per port name).
    const outputAt = source.op ? source.op.outputs.indexOf(edge.sourceHandle) : -1;
    if (source.op && outputAt < 0) {
      errors.push(problem('edge_bad_output', { edge: edge.id, ...nodeParams(source.node), port: edge.sourceHandle, ports: portList(source.op.outputs) }, { edgeId: edge.id, nodeId: edge.source }));
      continue;
    }
    const inputAt = target.op ? target.op.inputs.indexOf(edge.targetHandle) : -1;
    if (target.op && inputAt < 0) {
      errors.push(problem('edge_bad_input', { edge: edge.id, ...nodeParams(target.node), port: edge.targetHandle, ports: portList(target.op.inputs) }, { edgeId: edge.id, nodeId: edge.target }));
      continue;
    }
    edges.set(edge.id, edge);
    edgeSources.push(source.slot);
    edgeTargets.push(target.slot);
    // An unknown kind has no ports to list (the plan has an error for it already).
    if (target.op) {
      const port = target.op.inputs[inputAt];
      if (target.inputEdges[port] === undefined) target.inputEdges[port] = edge;
      else crowd(crowded, target, port, edge);
    }
    if (source.op) {
      const port = source.op.outputs[outputAt];
      const leaving = source.outputEdges[port];
      if (leaving === NO_EDGES) source.outputEdges[port] = [edge];
      else (leaving as GraphEdge[]).push(edge);
    }
  }
  return { byId, bySlot, edges, edgeSources, edgeTargets, crowded, terminalIds, needsMnist, errors };
}

function crowd(crowded: Map<KnownNode, Map<string, GraphEdge[]>>, target: KnownNode, port: string, edge: GraphEdge): void {
  let ports = crowded.get(target);
  if (!ports) crowded.set(target, (ports = new Map()));
  const more = ports.get(port);
  if (more) more.push(edge);
  else ports.set(port, [edge]);
}

/**
 * parse indexes every document it returns (to refuse broken ones); the index waits here for compile,
 * so a graph read from a file is indexed once on its way to a plan. compile takes it at most once (it
 * fills the records in), and only for the very arrays indexed: documents are not edited in place.
 */
const indexedByParse = new WeakMap<GraphDocument, { readonly index: GraphIndex; readonly nodes: readonly GraphNode[]; readonly nodeCount: number; readonly edges: readonly GraphEdge[]; readonly edgeCount: number }>();

/** The structural problems of a document, as parse reports them; a sound document's index is kept for compile. */
export function structureProblems(document: GraphDocument): Problem[] {
  const index = indexGraph(document);
  const problems = index.errors.filter((e) => STRUCTURE_CODES.has(e.code));
  if (problems.length === 0) {
    indexedByParse.set(document, { index, nodes: document.nodes, nodeCount: document.nodes.length, edges: document.edges, edgeCount: document.edges.length });
  }
  return problems;
}

/** The index of a document: the one parse made, when it still fits, or a new one. */
export function takeIndex(document: GraphDocument, options: IndexOptions): GraphIndex {
  const kept = indexedByParse.get(document);
  if (kept) {
    indexedByParse.delete(document);
    const unchanged = kept.nodes === document.nodes && kept.nodeCount === document.nodes.length && kept.edges === document.edges && kept.edgeCount === document.edges.length;
    if (unchanged && !(kept.index.needsMnist && options.mnistAvailable === false)) return kept.index;
  }
  return indexGraph(document, options);
}
