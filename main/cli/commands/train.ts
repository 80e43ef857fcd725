/** `bpstudio train`: being written (issue 3); returns the exit code. */
export async function runTrain(_argv: readonly string[]): Promise<number> {
  process.stderr.write('bpstudio train: not built yet\n');
  return 2;
}
