import { GRADCHECK_USAGE, runGradcheck } from './commands/gradcheck';
import { RUN_USAGE, runRun } from './commands/run';
import { runTrain } from './commands/train';
import { VALIDATE_USAGE, runValidate } from './commands/validate';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo, type Command } from './io';
import { printableIo } from './printable';

export const USAGE = `Usage: bpstudio COMMAND [options]

Backprop Studio's command line: run, check and train the graphs of chapter 5 of
Deep Learning from Scratch.

Commands:
  run FILE [--json]                   forward then backward; every edge's value and gradient
  gradcheck FILE [--json] [--sample N] backprop against the numerical gradient, per source
  validate FILE                       "ok", or the graph's errors one a line
  train [options]                     train the two-layer net on MNIST (bpstudio train --help)

Exit codes: 0 ok, 1 an invalid graph or input file, 2 wrong usage.
Examples are in assets/examples/, e.g. bpstudio run assets/examples/01-apple.json
`;

const commands: Readonly<Record<string, Command>> = {
  run: runRun,
  gradcheck: runGradcheck,
  validate: runValidate,
  train: runTrain,
};

const wantsHelp = (argv: readonly string[]) => argv.some((a) => a === '--help' || a === '-h');

/** The whole CLI as a function, so tests run it in-process; returns the exit code. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // User strings (ids, labels, file names) reach the terminal only through printable.
  const io = printableIo(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`bpstudio: missing a command\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`bpstudio: unknown command ${JSON.stringify(name)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (name !== 'train' && wantsHelp(rest)) {
    io.stdout(({ run: RUN_USAGE, gradcheck: GRADCHECK_USAGE, validate: VALIDATE_USAGE } as Record<string, string>)[name] ?? USAGE);
    return EXIT_OK;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    // A bug, not a bad file: still one sentence and no stack trace for the user.
    io.stderr(`bpstudio ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INVALID;
  }
}
