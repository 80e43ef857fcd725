// How long validate (parse + compile) takes for big graphs: 100k nodes and 100k edges, well under a second.
// Usage: node bench/compile.mjs [--nodes 100000]
import { runBenchScript } from './run-ts.mjs';
await runBenchScript('compile');
