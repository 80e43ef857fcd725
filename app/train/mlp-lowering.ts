import type { GraphDocument, GraphNode } from '../graph/document';
import { parameterShape } from '../ops/parameter';
import { numberParam } from '../ops/params';
import { CLASSES, PIXELS } from './data';
import type { MlpActivation, MlpSpec } from './mlp-kernel';
import { LOSS_KIND, MNIST_BATCH_KIND, PARAMETER_KIND } from './training-graph';

interface Port {
  readonly node: string;
  readonly port: string;
}

const ACTIVATIONS: Readonly<Record<string, MlpActivation>> = { Relu: 'relu', Sigmoid: 'sigmoid' };

/**
 * Recognises MnistBatch.x → Affine → [Relu | Sigmoid] → … → Affine → [Relu | Sigmoid] →
 * SoftmaxWithLoss (t from MnistBatch.t) → Output, every W and b a Parameter feeding only its
 * Affine, and nothing else in the graph. Returns null for any other graph: those train op by op.
 */
export function lowerMlp(doc: GraphDocument): MlpSpec | null {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const consumers = new Map<string, Port[]>();
  const sourceOf = new Map<string, Port>();
  for (const edge of doc.edges) {
    if (!byId.has(edge.source) || !byId.has(edge.target)) return null;
    const from = `${edge.source}\u0000${edge.sourceHandle}`;
    const into = `${edge.target}\u0000${edge.targetHandle}`;
    if (sourceOf.has(into)) return null;
    sourceOf.set(into, { node: edge.source, port: edge.sourceHandle });
    consumers.set(from, [...(consumers.get(from) ?? []), { node: edge.target, port: edge.targetHandle }]);
  }
  const visited = new Set<string>();
  /** The one input port that reads `node.port`, or null when none or several do. */
  const soleConsumer = (node: string, port: string): (Port & { kind: string; graphNode: GraphNode }) | null => {
    const list = consumers.get(`${node}\u0000${port}`) ?? [];
    if (list.length !== 1) return null;
    const graphNode = byId.get(list[0].node)!;
    return { ...list[0], kind: graphNode.kind, graphNode };
  };
  const source = (node: string, port: string): Port | undefined => sourceOf.get(`${node}\u0000${port}`);

  const batches = doc.nodes.filter((n) => n.kind === MNIST_BATCH_KIND);
  if (batches.length !== 1) return null;
  const batch = batches[0].id;
  visited.add(batch);

  const sizes = [PIXELS];
  const activations: MlpActivation[] = [];
  const weightIds: string[] = [];
  const biasIds: string[] = [];
  let current: Port = { node: batch, port: 'x' };
  for (;;) {
    const next = soleConsumer(current.node, current.port);
    if (!next || next.port !== 'x') return null;
    if (next.kind === LOSS_KIND) {
      const t = source(next.node, 't');
      if (!t || t.node !== batch || t.port !== 't' || soleConsumer(batch, 't')?.node !== next.node) return null;
      if (sizes.length < 2 || sizes[sizes.length - 1] !== CLASSES) return null;
      visited.add(next.node);
      const after = consumers.get(`${next.node}\u0000out`) ?? [];
      if (after.length > 1) return null;
      if (after.length === 1) {
        const output = byId.get(after[0].node)!;
        // Another upstream gradient would scale every gradient; the op-by-op path handles that.
        if (output.kind !== 'Output' || after[0].port !== 'x' || numberParam(output.params, 'grad', 1) !== 1) return null;
        visited.add(output.id);
      }
      break;
    }
    if (next.kind !== 'Affine') return null;
    const inSize = sizes[sizes.length - 1];
    const w = source(next.node, 'W');
    const b = source(next.node, 'b');
    const wNode = w && byId.get(w.node);
    const bNode = b && byId.get(b.node);
    if (!w || !b || !wNode || !bNode || wNode.kind !== PARAMETER_KIND || bNode.kind !== PARAMETER_KIND) return null;
    if (soleConsumer(w.node, w.port)?.node !== next.node || soleConsumer(b.node, b.port)?.node !== next.node) return null;
    const wShape = parameterShape(wNode.params);
    const bShape = parameterShape(bNode.params);
    if (wShape.length !== 2 || wShape[0] !== inSize) return null;
    const outSize = wShape[1];
    const biasFits = (bShape.length === 1 && bShape[0] === outSize) || (bShape.length === 2 && bShape[0] === 1 && bShape[1] === outSize);
    if (!biasFits) return null;
    visited.add(next.node).add(w.node).add(b.node);
    sizes.push(outSize);
    weightIds.push(w.node);
    biasIds.push(b.node);
    current = { node: next.node, port: 'out' };
    const maybeActivation = soleConsumer(current.node, current.port);
    const activation = maybeActivation && maybeActivation.port === 'x' ? ACTIVATIONS[maybeActivation.kind] : undefined;
    if (activation) {
      visited.add(maybeActivation!.node);
      current = { node: maybeActivation!.node, port: 'out' };
    }
    activations.push(activation ?? 'none');
  }
  // A node off the chain would still run (and train) op by op; such graphs are not lowered.
  if (visited.size !== doc.nodes.length) return null;
  return { sizes, activations, weightIds, biasIds };
}
