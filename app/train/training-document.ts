import type { GraphDocument } from '../graph/document';
import { compile } from '../graph/compile';
import { parseGraphDocument } from '../graph/parse';
import type { TrainingOptions } from './protocol';
import { buildTwoLayerNet } from './two-layer-net';

/** The graph a run trains: the given graph file's text, or the chapter's two-layer net built from the options. */
export function trainingDocument(options: TrainingOptions): GraphDocument {
  if (options.graphText === undefined) return buildTwoLayerNet(options);
  const parsed = parseGraphDocument(options.graphText);
  if (!parsed.ok) throw new Error(`the graph to train is not valid: ${parsed.errors.join('; ')}`);
  const plan = compile(parsed.document, { mnistAvailable: true });
  if (!plan.ok) throw new Error(`the graph cannot be trained: ${plan.errors.map((e) => e.message).join('; ')}`);
  return parsed.document;
}
