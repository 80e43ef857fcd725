import { formatNumber } from '../../../app/tensor/format-number';
import { formatShape } from '../../../app/tensor/format-shape';
import { gradcheckGraph, type SourceGradcheck } from '../../../app/gradcheck/graph-gradcheck';
import { createJsBackend } from '../../../app/tensor/js-backend';
import { parseFileArgs } from '../args';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from '../io';
import { loadOrReport } from '../load-graph';
import { formatTable } from '../table';

export const GRADCHECK_USAGE = `Usage: bpstudio gradcheck FILE [--json] [--sample N]

Compares backpropagation's gradient with the centred numerical gradient (h = 1e-4, float64) for
every Parameter node (every Scalar and Tensor when there is no Parameter), as the chapter does,
and prints per source the mean absolute difference and the largest relative error.
  --json      one JSON object: {"objective", "sources": [...], "errors": [...]}
  --sample N  check at most N elements of each source, spread evenly (the full check of the
              two-layer net's W1 takes 78,400 forward passes)
`;

/** `bpstudio gradcheck FILE [--json] [--sample N]`. */
export async function runGradcheck(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFileArgs(argv, ['--json'], ['--sample']);
  const usage = (problem: string) => {
    io.stderr(`bpstudio gradcheck: ${problem}\n\n${GRADCHECK_USAGE}`);
    return EXIT_USAGE;
  };
  if (!parsed.ok) return usage(parsed.problem);
  const { file, flags, options } = parsed.args;
  const json = flags.has('--json');
  const sampleText = options.get('--sample');
  const maxElements = sampleText === undefined ? undefined : Number(sampleText);
  if (maxElements !== undefined && (!Number.isInteger(maxElements) || maxElements < 1)) {
    return usage(`--sample needs a whole number of at least 1, got ${JSON.stringify(sampleText)}`);
  }

  // The numerical gradient needs float64 data; the gradcheck makes its own float64 JS backend.
  const graph = await loadOrReport(file, createJsBackend('float64'), io, json ? { sources: [] } : undefined);
  if (!graph) return EXIT_INVALID;
  const { plan, data, document } = graph;
  const result = gradcheckGraph(plan, { data, maxElements });
  if (!result.ok) {
    if (json) io.stdout(`${JSON.stringify({ sources: [], errors: [{ message: result.message }] }, null, 2)}\n`);
    io.stderr(`${file}: ${result.message}\n`);
    return EXIT_INVALID;
  }
  if (json) {
    const sources = result.sources.map(({ backprop: _b, numerical: _n, ...summary }) => summary);
    io.stdout(`${JSON.stringify({ objective: result.objective, sources, errors: [] }, null, 2)}\n`);
  } else {
    io.stdout(`${document.name}: backprop against the centred numerical gradient (h = 1e-4, float64)\n\n`);
    io.stdout(formatTable(['source', 'shape', 'checked', 'mean |difference|', 'largest relative error'], result.sources.map(row)));
  }
  return EXIT_OK;
}

function row(s: SourceGradcheck): string[] {
  const name = s.label && s.label !== s.nodeId ? `${s.label} (${s.nodeId})` : s.nodeId;
  const shape = formatShape(s.shape);
  const total = s.shape.reduce((a, b) => a * b, 1);
  return [name, shape, s.checked === total ? 'all' : `${s.checked} of ${total}`, formatNumber(s.meanAbsDiff, 3), formatNumber(s.maxRelError, 3)];
}
