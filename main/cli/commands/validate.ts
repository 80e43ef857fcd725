import { compile } from '../../../app/graph/compile';
import { readGraphFile } from '../../services/graph-file';
import { parseFileArgs } from '../args';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from '../io';
import { errorLines } from '../load-graph';

export const VALIDATE_USAGE = `Usage: bpstudio validate FILE

Checks that FILE is a Backprop Studio graph that compiles: prints "ok" and exits 0, or prints the
errors one a line and exits 1. (It does not read the MNIST files; \`bpstudio run\` does.)
`;

/** `bpstudio validate FILE`. */
export async function runValidate(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFileArgs(argv, []);
  if (!parsed.ok) {
    io.stderr(`bpstudio validate: ${parsed.problem}\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  }
  const { file } = parsed.args;
  const read = await readGraphFile(file);
  if (!read.ok) {
    io.stderr(`${read.errors.join('\n')}\n`);
    return EXIT_INVALID;
  }
  const plan = compile(read.document);
  if (!plan.ok) {
    io.stderr(errorLines(file, plan.errors, false));
    return EXIT_INVALID;
  }
  io.stdout('ok\n');
  return EXIT_OK;
}
