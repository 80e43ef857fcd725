// `npm run typecheck`: every layer with its own tsconfig (DOM types only in the renderer, Node types only
// in main, neither in app), then the tests, e2e specs and benches of the root tsconfig.
import { spawnSync } from 'node:child_process';

const projects = ['app/tsconfig.json', 'main/tsconfig.json', 'renderer/tsconfig.json', 'tsconfig.json'];
let failed = false;
for (const project of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck failed: ${project}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
