import type { OpDefinition } from '../ops/op';
import { getOp, hasOp } from '../ops/registry';
import { formatShape } from '../tensor/tensor';
import type { GraphDocument, GraphEdge, GraphNode } from './document';

export interface CompileError {
  readonly nodeId?: string;
  readonly edgeId?: string;
  /** Every node involved, when there are several (the nodes of a cycle); nodeId is then unset. */
  readonly nodeIds?: readonly string[];
  readonly message: string;
}

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
  readonly errors: readonly CompileError[];
  readonly ok: boolean;
}

const nodeName = (node: GraphNode): string => `${node.kind} ${node.id}`;

/** Turns a document into an executable plan and the list of what is wrong with it. Pure: never throws. */
export function compile(document: GraphDocument, options: CompileOptions = {}): Plan {
  const errors: CompileError[] = [];
  const byId = new Map<string, { node: GraphNode; index: number; op: OpDefinition | undefined }>();

  document.nodes.forEach((node, index) => {
    if (byId.has(node.id)) {
      errors.push({ nodeId: node.id, message: `two nodes have the id ${node.id}` });
      return;
    }
    const op = hasOp(node.kind) ? getOp(node.kind) : undefined;
    if (!op) errors.push({ nodeId: node.id, message: `node ${node.id} has kind ${node.kind}, which Backprop Studio does not know` });
    if (op && node.kind === 'MnistBatch' && options.mnistAvailable === false) {
      errors.push({ nodeId: node.id, message: `${nodeName(node)}: the MNIST data set is not available` });
    }
    byId.set(node.id, { node, index, op });
  });

  const edges = new Map<string, GraphEdge>();
  const intoPort = new Map<string, Map<string, GraphEdge[]>>();
  const outOfPort = new Map<string, Map<string, GraphEdge[]>>();
  const push = (table: Map<string, Map<string, GraphEdge[]>>, nodeId: string, port: string, edge: GraphEdge) => {
    const ports = table.get(nodeId) ?? new Map<string, GraphEdge[]>();
    table.set(nodeId, ports);
    ports.set(port, [...(ports.get(port) ?? []), edge]);
  };

  for (const edge of document.edges) {
    if (edges.has(edge.id)) {
      errors.push({ edgeId: edge.id, message: `two edges have the id ${edge.id}` });
      continue;
    }
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const missing = !source ? edge.source : !target ? edge.target : undefined;
    if (missing !== undefined) {
      errors.push({ edgeId: edge.id, message: `edge ${edge.id} points to node ${missing}, which does not exist` });
      continue;
    }
    if (source!.op && !source!.op.outputs.includes(edge.sourceHandle)) {
      errors.push({ edgeId: edge.id, nodeId: edge.source, message: `edge ${edge.id} leaves ${nodeName(source!.node)} from output ${edge.sourceHandle}, which it does not have` });
      continue;
    }
    if (target!.op && !target!.op.inputs.includes(edge.targetHandle)) {
      errors.push({ edgeId: edge.id, nodeId: edge.target, message: `edge ${edge.id} enters ${nodeName(target!.node)} at input ${edge.targetHandle}, which it does not have` });
      continue;
    }
    edges.set(edge.id, edge);
    push(intoPort, edge.target, edge.targetHandle, edge);
    push(outOfPort, edge.source, edge.sourceHandle, edge);
  }

  const inputEdgesOf = new Map<string, Record<string, GraphEdge>>();
  for (const { node, op } of byId.values()) {
    const inputEdges: Record<string, GraphEdge> = {};
    const ports = intoPort.get(node.id) ?? new Map<string, GraphEdge[]>();
    for (const port of op?.inputs ?? []) {
      const feeding = ports.get(port) ?? [];
      if (feeding.length === 0) errors.push({ nodeId: node.id, message: `${nodeName(node)}: input ${port} is not connected` });
      else if (feeding.length > 1) {
        errors.push({ nodeId: node.id, message: `${nodeName(node)}: input ${port} has ${feeding.length} edges (${feeding.map((e) => e.id).join(', ')}); an input takes one` });
      } else inputEdges[port] = feeding[0];
    }
    inputEdgesOf.set(node.id, inputEdges);
  }

  const { order, cycles } = topologicalOrder(document.nodes.filter((n) => byId.get(n.id)?.node === n), [...edges.values()]);
  for (const cycle of cycles) {
    errors.push({ nodeIds: cycle, message: `the graph has a cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }

  const outputShapesOf = new Map<string, Shapes>();
  const inputShapesOf = new Map<string, Shapes>();
  for (const id of order) {
    const { node, op } = byId.get(id)!;
    if (!op) continue;
    const inputEdges = inputEdgesOf.get(id)!;
    const inputShapes: Record<string, readonly number[]> = {};
    let complete = true;
    for (const port of op.inputs) {
      const edge = inputEdges[port];
      const shape = edge && outputShapesOf.get(edge.source)?.[edge.sourceHandle];
      if (!shape) complete = false;
      else inputShapes[port] = shape;
    }
    if (!complete) continue;
    try {
      const outputShapes = op.inferShape(inputShapes, node.params);
      inputShapesOf.set(id, inputShapes);
      outputShapesOf.set(id, outputShapes);
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      // The sentence already starts with the node's kind and id: drop the op's own "Mul cannot ...".
      const prefix = [`${op.kind} `, `${op.title} `].find((p) => raw.startsWith(p));
      const reason = prefix ? raw.slice(prefix.length) : raw;
      const shapes = op.inputs.map((p) => `${p} ${formatShape(inputShapes[p])}`).join(', ');
      const detail = op.inputs.length > 0 && !op.inputs.every((p) => reason.includes(formatShape(inputShapes[p]))) ? ` (inputs: ${shapes})` : '';
      errors.push({ nodeId: id, message: `${nodeName(node)}: ${reason}${detail}` });
    }
  }

  const outputNodeIds = document.nodes.filter((n) => byId.get(n.id)?.node === n && byId.get(n.id)?.op?.terminal).map((n) => n.id);
  if (outputNodeIds.length === 0) errors.push({ message: 'the graph has no Output node, so the backward pass has nowhere to start' });

  const nodes = new Map<string, PlanNode>();
  for (const { node, index, op } of byId.values()) {
    const outputEdges: Record<string, GraphEdge[]> = {};
    for (const port of op?.outputs ?? []) outputEdges[port] = outOfPort.get(node.id)?.get(port) ?? [];
    nodes.set(node.id, {
      node,
      op,
      index,
      inputEdges: inputEdgesOf.get(node.id)!,
      outputEdges,
      inputShapes: inputShapesOf.get(node.id),
      outputShapes: outputShapesOf.get(node.id),
    });
  }

  return { document, order, nodes, edges, outputNodeIds, errors, ok: errors.length === 0 };
}

/** Kahn's algorithm, always taking the ready node that comes first in the document. */
function topologicalOrder(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): { order: string[]; cycles: string[][] } {
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  const successors = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    successors.get(e.source)?.push(e.target);
  }
  const done = new Set<string>();
  const order: string[] = [];
  for (;;) {
    const next = nodes.find((n) => !done.has(n.id) && indegree.get(n.id) === 0);
    if (!next) break;
    done.add(next.id);
    order.push(next.id);
    for (const s of successors.get(next.id)!) indegree.set(s, indegree.get(s)! - 1);
  }
  return { order, cycles: findCycles(nodes.filter((n) => !done.has(n.id)).map((n) => n.id), edges) };
}

/**
 * The distinct cycles among the nodes Kahn's algorithm could not place. Every such node has a
 * predecessor that was not placed either, so walking backward always ends on a cycle; nodes merely
 * downstream of a cycle are never reported as part of one.
 */
function findCycles(stuck: readonly string[], edges: readonly GraphEdge[]): string[][] {
  const stuckSet = new Set(stuck);
  const predecessors = new Map<string, string[]>(stuck.map((id) => [id, []]));
  for (const e of edges) if (stuckSet.has(e.source) && stuckSet.has(e.target)) predecessors.get(e.target)!.push(e.source);
  const reported = new Set<string>();
  const cycles: string[][] = [];
  for (const start of stuck) {
    const path: string[] = [];
    const seenAt = new Map<string, number>();
    let current = start;
    while (!seenAt.has(current) && !reported.has(current)) {
      seenAt.set(current, path.length);
      path.push(current);
      current = predecessors.get(current)![0];
    }
    if (reported.has(current)) continue;
    const cycle = path.slice(seenAt.get(current)!).reverse();
    // Start the sentence at the cycle's first node in document order, so it reads the same every time.
    const first = cycle.reduce((best, id, i) => (stuck.indexOf(id) < stuck.indexOf(cycle[best]) ? i : best), 0);
    const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
    rotated.forEach((id) => reported.add(id));
    cycles.push(rotated);
  }
  return cycles;
}
