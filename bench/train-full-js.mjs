// The full default job on the JS backend (10,000 iterations, about a minute here on the lowered MLP
// path; main/services/training.test.ts runs it too). Exits 1 unless the test accuracy reaches the
// chapter's 0.97.
// Usage: node bench/train-full-js.mjs   (after node scripts/build.mjs --node-only)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const r = spawnSync(process.execPath, [join(root, 'bin', 'bpstudio.js'), 'train', '--backend', 'js', '--json'], { cwd: root, encoding: 'utf8' });
const wall = (performance.now() - started) / 1000;
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
const done = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
const ok = r.status === 0 && done.done === true && done.backend === 'js' && done.test_acc >= 0.97;
console.log(`${ok ? 'ok' : 'FAILED'}: js backend, 10000 iterations, test acc ${done.test_acc} (need >= 0.97), ${wall.toFixed(1)} s wall`);
process.exit(ok ? 0 : 1);
