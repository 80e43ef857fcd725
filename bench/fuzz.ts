import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEAKED_ERROR, fuzzCases, fuzzOne } from '../app/graph/fuzz.test-helpers';

// Issue 8's long fuzz run: the suite's fuzzer (app/graph/fuzz.test-helpers.ts) over many more cases.
// Bounds: no crash, no JavaScript error text or stack in a message, no case over 10 s, the process under 1 GB.
const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const cases = argument('cases', 5000);
const seed = argument('seed', 1);
const examplesDir = join(import.meta.dirname, '../../assets/examples');
const seeds = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

const stages: Record<string, number> = { parse: 0, compile: 0, run: 0, ok: 0 };
let crashes = 0;
let leaks = 0;
let overTime = 0;
let slowest = 0;
let peakRss = 0;
let index = 0;
const started = performance.now();
for (const text of fuzzCases(seeds, seed, cases)) {
  const outcome = fuzzOne(text);
  stages[outcome.stage]++;
  slowest = Math.max(slowest, outcome.milliseconds);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (outcome.crash) {
    crashes++;
    console.log(`case ${index} crashed: ${outcome.crash.split('\n')[0]}`);
  }
  for (const message of outcome.messages) {
    if (LEAKED_ERROR.test(message)) {
      leaks++;
      console.log(`case ${index} leaked: ${message.slice(0, 200)}`);
    }
  }
  if (outcome.milliseconds > 10_000) overTime++;
  index++;
}
const seconds = (performance.now() - started) / 1000;
console.log(`${cases} mutated graph files (seed ${seed}) in ${seconds.toFixed(1)} s: ${JSON.stringify(stages)}`);
console.log(`crashes ${crashes}, leaked error texts ${leaks}, cases over 10 s ${overTime} (slowest ${slowest.toFixed(0)} ms), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
process.exitCode = crashes + leaks + overTime > 0 || peakRss > 2 ** 30 ? 1 : 0;
