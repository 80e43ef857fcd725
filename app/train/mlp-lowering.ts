import type { Plan, PlanNode } from '../graph/compile';
import { MNIST_CLASSES, MNIST_PIXELS } from '../mnist';
import { parameterShape } from '../ops/parameter';
import { numberParam } from '../ops/params';
import type { MlpActivation, MlpSpec } from '../tensor/mlp-kernel';
import { AFFINE_KIND, LOSS_KIND, trainingProblems } from './training-graph';

interface Consumer {
  readonly pn: PlanNode;
  readonly port: string;
}

/**
 * Recognises, in compile's plan, MnistBatch.x → Affine → [activation] → … → Affine → [activation] →
 * SoftmaxWithLoss (t from MnistBatch.t) → Output, every W and b a Parameter feeding only its Affine,
 * and nothing else in the graph; an activation is any op that declares a `fusedActivation`. Returns
 * null for any other graph: those train op by op.
 */
export function lowerMlp(plan: Plan): MlpSpec | null {
  if (trainingProblems(plan).length > 0) return null;
  /** The one input port that reads `pn.port`, or null when none or several do. */
  const soleConsumer = (pn: PlanNode, port: string): Consumer | null => {
    const edges = pn.outputEdges[port] ?? [];
    return edges.length === 1 ? { pn: plan.nodes.get(edges[0].target)!, port: edges[0].targetHandle } : null;
  };
  const sourceOf = (pn: PlanNode, port: string): PlanNode | undefined => {
    const edge = pn.inputEdges[port];
    return edge && plan.nodes.get(edge.source);
  };

  const batches = [...plan.nodes.values()].filter((pn) => pn.op?.needsMnist);
  if (batches.length !== 1) return null;
  const batch = batches[0];
  const visited = new Set<PlanNode>([batch]);

  const sizes = [MNIST_PIXELS];
  const activations: MlpActivation[] = [];
  const slopes: number[] = [];
  const weightIds: string[] = [];
  const biasIds: string[] = [];
  let current = { pn: batch, port: 'x' };
  for (;;) {
    const next = soleConsumer(current.pn, current.port);
    if (!next || next.port !== 'x') return null;
    if (next.pn.node.kind === LOSS_KIND) {
      const t = next.pn.inputEdges.t;
      if (!t || t.source !== batch.node.id || t.sourceHandle !== 't' || soleConsumer(batch, 't')?.pn !== next.pn) return null;
      if (sizes.length < 2 || sizes[sizes.length - 1] !== MNIST_CLASSES) return null;
      visited.add(next.pn);
      const after = next.pn.outputEdges.out ?? [];
      if (after.length > 1) return null;
      if (after.length === 1) {
        const output = plan.nodes.get(after[0].target)!;
        // Another upstream gradient would scale every gradient; the op-by-op path handles that.
        if (!output.op?.terminal || after[0].targetHandle !== 'x' || numberParam(output.node.params, 'grad', 1) !== 1) return null;
        visited.add(output);
      }
      break;
    }
    if (next.pn.node.kind !== AFFINE_KIND) return null;
    const affine = next.pn;
    const w = sourceOf(affine, 'W');
    const b = sourceOf(affine, 'b');
    if (!w?.op?.trainable || !b?.op?.trainable) return null;
    if (soleConsumer(w, 'out')?.pn !== affine || soleConsumer(b, 'out')?.pn !== affine) return null;
    const wShape = parameterShape(w.node.params);
    const bShape = parameterShape(b.node.params);
    if (wShape.length !== 2 || wShape[0] !== sizes[sizes.length - 1]) return null;
    const outSize = wShape[1];
    const biasFits = (bShape.length === 1 && bShape[0] === outSize) || (bShape.length === 2 && bShape[0] === 1 && bShape[1] === outSize);
    if (!biasFits) return null;
    visited.add(affine).add(w).add(b);
    sizes.push(outSize);
    weightIds.push(w.node.id);
    biasIds.push(b.node.id);
    current = { pn: affine, port: 'out' };
    const maybeActivation = soleConsumer(affine, 'out');
    const fused = maybeActivation?.port === 'x' ? maybeActivation.pn.op?.fusedActivation : undefined;
    if (maybeActivation && fused) {
      visited.add(maybeActivation.pn);
      current = { pn: maybeActivation.pn, port: 'out' };
    }
    activations.push(fused?.activation ?? 'none');
    slopes.push(fused?.slope?.(maybeActivation!.pn.node.params) ?? 0);
  }
  // A node off the chain would still run (and train) op by op; such graphs are not lowered.
  if (visited.size !== plan.nodes.size) return null;
  return { sizes, activations, slopes, weightIds, biasIds };
}
