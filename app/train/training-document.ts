import { compile, type Plan } from '../graph/compile';
import type { GraphDocument } from '../graph/document';
import { parseGraphDocument } from '../graph/parse';
import type { Message } from '../i18n/messages';
import type { TrainingOptions } from './protocol';
import { createTrainingGraph, trainingProblems } from './training-graph';
import { buildTwoLayerNet } from './two-layer-net';

/**
 * The plan a run trains: the given graph file's text, or the chapter's two-layer net built from the
 * options, compiled once and checked as trainable before any data is loaded.
 */
export function trainingPlan(options: TrainingOptions): Plan {
  let document: GraphDocument;
  if (options.graphText === undefined) document = buildTwoLayerNet(options);
  else {
    const parsed = parseGraphDocument(options.graphText);
    if (!parsed.ok) throw new Error(`the graph to train is not valid: ${parsed.errors.join('; ')}`);
    document = parsed.document;
  }
  const plan = compile(document, { mnistAvailable: true });
  createTrainingGraph(plan);
  return plan;
}

/** The document of trainingPlan. */
export function trainingDocument(options: TrainingOptions): GraphDocument {
  return trainingPlan(options).document;
}

/**
 * Why a graph file's text cannot be trained, as coded messages: what the file reader refuses, else
 * compile's problems that stop training; empty when it can. The app and the CLI check this before a
 * run starts, so the learner reads the reasons in their language.
 */
export function graphTextProblems(graphText: string): readonly Message[] {
  const parsed = parseGraphDocument(graphText);
  return parsed.ok ? trainingProblems(compile(parsed.document, { mnistAvailable: true })) : parsed.said;
}
