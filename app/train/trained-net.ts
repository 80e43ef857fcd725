import type { StoredTensor } from '../graph/document';
import { compile } from '../graph/compile';
import { parseGraphDocument } from '../graph/parse';
import { storedToTensor } from '../graph/stored-tensors';
import { parameterOp } from '../ops/parameter';
import { lowerMlp } from './mlp-lowering';
import type { MlpWeights } from './mlp-predict';
import type { TrainingResult } from './protocol';

/** A finished run's net as arrays (W, b per layer), or null when its graph is not a plain MLP. */
export function trainedMlp(result: Pick<TrainingResult, 'graphText'>): MlpWeights | null {
  const parsed = parseGraphDocument(result.graphText);
  if (!parsed.ok) return null;
  const spec = lowerMlp(compile(parsed.document, { mnistAvailable: true }));
  if (!spec) return null;
  const tensor = (id: string) => {
    const stored = parsed.document.tensors?.[id];
    return stored ? storedToTensor(stored, 'float32').data : null;
  };
  const weights = spec.weightIds.map(tensor);
  const biases = spec.biasIds.map(tensor);
  if (weights.some((w) => !w) || biases.some((b) => !b)) return null;
  return { sizes: spec.sizes, activations: spec.activations, slopes: spec.slopes, weights: weights as Float32Array[], biases: biases as Float32Array[] };
}

/** A finished run's trained weights by Parameter node id, as the graph file stores them. */
export function trainedWeights(result: Pick<TrainingResult, 'graphText'>): Record<string, StoredTensor> {
  const parsed = parseGraphDocument(result.graphText);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const { nodes, tensors = {} } = parsed.document;
  return Object.fromEntries(nodes.filter((n) => n.kind === parameterOp.kind && tensors[n.id]).map((n) => [n.id, tensors[n.id]]));
}
