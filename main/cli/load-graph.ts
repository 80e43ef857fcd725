import type { CompileError, Plan } from '../../app/graph/compile';

/** A compile problem, or a sentence of the file reader or the run (those carry no code). */
export type GraphProblem = Omit<CompileError, 'code' | 'params'> & Partial<Pick<CompileError, 'code' | 'params'>>;
import { compile } from '../../app/graph/compile';
import type { GraphDocument } from '../../app/graph/document';
import type { DataProvider } from '../../app/ops/op';
import type { Backend } from '../../app/tensor/backend';
import { readGraphFile } from '../services/graph-file';
import { createMnistDataProvider, loadMnist } from '../services/mnist';
import type { CliIo } from './io';

export interface LoadedGraph {
  readonly document: GraphDocument;
  readonly plan: Plan;
  /** Present when the graph has MnistBatch nodes. */
  readonly data?: DataProvider;
}

export type LoadResult =
  | { readonly ok: true; readonly graph: LoadedGraph }
  /** `fileProblems`: the file could not be read or parsed; the sentences already name it. */
  | { readonly ok: false; readonly errors: readonly GraphProblem[]; readonly fileProblem: boolean };

/** Reads, parses and compiles a graph file, and loads MNIST when the graph draws batches from it. */
export async function loadRunnableGraph(file: string, backend: Backend): Promise<LoadResult> {
  const read = await readGraphFile(file);
  if (!read.ok) return { ok: false, errors: read.errors.map((message) => ({ message })), fileProblem: true };
  const document = read.document;
  let data: DataProvider | undefined;
  const needsMnist = document.nodes.some((n) => n.kind === 'MnistBatch');
  let mnistProblem: string | undefined;
  if (needsMnist) {
    try {
      data = createMnistDataProvider(loadMnist(), backend);
    } catch (error) {
      mnistProblem = error instanceof Error ? error.message : String(error);
    }
  }
  const plan = compile(document, needsMnist ? { mnistAvailable: data !== undefined } : {});
  const errors = mnistProblem ? [...plan.errors, { message: `the MNIST data set could not be loaded: ${mnistProblem}` }] : plan.errors;
  if (errors.length > 0) return { ok: false, errors, fileProblem: false };
  return { ok: true, graph: { document, plan, data } };
}

/**
 * The graph ready to run, or undefined once its problems are written: a line each on stderr and, when
 * `json` is given (the command's other fields, empty), that JSON with them as its `errors` on stdout.
 */
export async function loadOrReport(file: string, backend: Backend, io: CliIo, json?: Record<string, unknown>): Promise<LoadedGraph | undefined> {
  const loaded = await loadRunnableGraph(file, backend);
  if (loaded.ok) return loaded.graph;
  if (json) io.stdout(`${JSON.stringify({ ...json, errors: loaded.errors }, null, 2)}\n`);
  io.stderr(errorLines(file, loaded.errors, loaded.fileProblem));
  return undefined;
}

/** One line per error, naming the file, for stderr. */
export function errorLines(file: string, errors: readonly GraphProblem[], fileProblem: boolean): string {
  return errors.map((e) => (fileProblem ? e.message : `${file}: ${e.message}`)).join('\n') + '\n';
}
