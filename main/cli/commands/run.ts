import { describeTensor } from '../../../app/graph/describe-tensor';
import type { GraphDocument } from '../../../app/graph/document';
import { createExecutor, type Executor } from '../../../app/graph/executor';
import { getOp, hasOp } from '../../../app/ops/registry';
import { createJsBackend } from '../../../app/tensor/js-backend';
import { parseFileArgs } from '../args';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from '../io';
import { errorLines, loadOrReport, type GraphProblem } from '../load-graph';
import { formatTable } from '../table';
import { tensorToJson } from '../tensor-json';

export const RUN_USAGE = `Usage: bpstudio run FILE [--json]

Compiles the graph, runs the forward pass and then the backward pass on the JS backend (float64),
and prints every edge's forward value and the gradient that flows back along it.
  --json  one JSON object: {"edges": [{"id", "source", "sourceHandle", "target", "targetHandle",
          "value", "grad"}], "errors": [...]}; a scalar is a number, a tensor {"shape", "data"}
`;

/** `bpstudio run FILE [--json]`. */
export async function runRun(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFileArgs(argv, ['--json']);
  if (!parsed.ok) {
    io.stderr(`bpstudio run: ${parsed.problem}\n\n${RUN_USAGE}`);
    return EXIT_USAGE;
  }
  const { file, flags } = parsed.args;
  const json = flags.has('--json');
  const backend = createJsBackend('float64');
  const graph = await loadOrReport(file, backend, io, json ? { edges: [] } : undefined);
  if (!graph) return EXIT_INVALID;
  const { document, plan, data } = graph;
  const executor = createExecutor(plan, { backend, data });
  const errors: GraphProblem[] = [];
  for (const result of [executor.runForward(), executor.runBackward()]) {
    if (!result.ok) {
      errors.push({ nodeId: result.nodeId, message: result.message });
      break;
    }
  }
  if (json) io.stdout(`${JSON.stringify({ edges: edgesJson(document, executor), errors }, null, 2)}\n`);
  else io.stdout(edgesTable(document, executor));
  if (errors.length > 0) {
    io.stderr(errorLines(file, errors, false));
    return EXIT_INVALID;
  }
  return EXIT_OK;
}

function edgesJson(document: GraphDocument, executor: Executor) {
  return document.edges.map((e) => ({
    id: e.id,
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    targetHandle: e.targetHandle,
    value: tensorToJson(executor.edgeValue(e.id)),
    grad: tensorToJson(executor.edgeGrad(e.id)),
  }));
}

function edgesTable(document: GraphDocument, executor: Executor): string {
  const nodes = new Map(document.nodes.map((n) => [n.id, n]));
  const name = (id: string) => nodes.get(id)?.label ?? `${nodes.get(id)?.kind ?? ''} ${id}`.trim();
  // A port is worth naming where there is a choice: every input, and the outputs of nodes with several.
  const outputCount = (id: string) => {
    const kind = nodes.get(id)?.kind ?? '';
    return hasOp(kind) ? getOp(kind).outputs.length : 1;
  };
  const rows = document.edges.map((e) => {
    const value = executor.edgeValue(e.id);
    const grad = executor.edgeGrad(e.id);
    return [
      e.id,
      outputCount(e.source) > 1 ? `${name(e.source)} (${e.sourceHandle})` : name(e.source),
      `${name(e.target)} (${e.targetHandle})`,
      value ? describeTensor(value) : '—',
      grad ? describeTensor(grad) : '—',
    ];
  });
  const title = `${document.name}: every edge's forward value and the gradient flowing back along it\n\n`;
  return title + formatTable(['edge', 'from', 'to', 'value', 'gradient'], rows);
}
