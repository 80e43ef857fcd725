// Bundles bench/gemm.ts (TypeScript importing app/ and main/) with esbuild and runs it.
// Usage: node bench/gemm.mjs [--quick] [--json]
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(root, 'dist', 'bench', 'gemm.js');
await build({
  entryPoints: [join(root, 'bench', 'gemm.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
