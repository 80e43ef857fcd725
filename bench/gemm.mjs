// The matrix-product kernel at the training shapes against the JS backend (bench/gemm.ts).
// Usage: node bench/gemm.mjs [--quick] [--json]
import { runBenchScript } from './run-ts.mjs';
await runBenchScript('gemm');
