// Builds everything `npm start`, `npx bpstudio` and the tests run: the Node-side bundles (esbuild)
// and the renderer (Vite). The native addon is built by node-gyp in npm's install step.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { nodeBundleOptions } from './node-bundle.mjs';

const nodeEntries = [
  { in: 'main/cli/bpstudio.ts', out: 'dist/main/cli/bpstudio.js', format: 'esm' },
  { in: 'main/host/server.ts', out: 'dist/main/host/server.js', format: 'esm' },
  { in: 'main/services/training-worker.ts', out: 'dist/main/services/training-worker.js', format: 'esm' },
  { in: 'main/electron/main.ts', out: 'dist/main/electron/main.cjs', format: 'cjs' },
  { in: 'main/electron/preload.ts', out: 'dist/main/electron/preload.cjs', format: 'cjs' },
];

const only = process.argv.includes('--node-only');

for (const entry of nodeEntries) {
  if (!existsSync(entry.in)) continue;
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    ...nodeBundleOptions,
    format: entry.format,
    external: ['electron'],
    sourcemap: true,
    // import.meta.url has no meaning in CommonJS: give the Electron bundles their own file URL.
    ...(entry.format === 'cjs'
      ? { define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" } }
      : {}),
  });
}

if (!only && existsSync('renderer/index.html')) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
