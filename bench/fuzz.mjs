// The long fuzz run of issue 8: thousands of mutated graph files through parse, compile and run.
// Usage: node bench/fuzz.mjs [--cases 5000] [--seed 1]   Exit 1 when a case crashes, leaks an error text, or is over the bounds.
import { runBenchScript } from './run-ts.mjs';
await runBenchScript('fuzz');
