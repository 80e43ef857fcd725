/** Where a command writes: the process's streams in the real CLI, strings in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes: 0 ok, 1 an invalid graph or input file, 2 wrong usage. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;
