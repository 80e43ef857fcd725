// Bundles a bench/*.ts script (TypeScript importing app/ and main/) with esbuild and runs it with the given arguments.
// Usage: await runBenchScript(name) from a bench/*.mjs (compile, fuzz, gemm); the script reads process.argv.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { nodeBundleOptions } from '../scripts/node-bundle.mjs';

export async function runBenchScript(name) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const outfile = join(root, 'dist', 'bench', `${name}.js`);
  await build({
    entryPoints: [join(root, 'bench', `${name}.ts`)],
    outfile,
    ...nodeBundleOptions,
  });
  await import(pathToFileURL(outfile).href);
}
