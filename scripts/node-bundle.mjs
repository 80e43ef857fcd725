// The esbuild options every Node-side bundle shares — the app's (scripts/build.mjs), the benches' (bench/run-ts.mjs)
// and the tests' (main/services/training-worker.test-helpers.ts) — so that a test or a bench runs code bundled as the app's is.
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
};
