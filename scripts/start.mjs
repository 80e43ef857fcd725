// `npm start`: builds when dist is missing, then opens Electron where its binary is installed and
// browser mode otherwise (the Node host plus a Chromium window, or a printed URL), saying which and why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const passThrough = process.argv.slice(2);

const needed = ['dist/main/electron/main.cjs', 'dist/main/electron/preload.cjs', 'dist/main/host/server.js', 'dist/renderer/index.html'];
const missing = needed.filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.log(`Building first (${missing.join(', ')} missing)…`);
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(build.status ?? 1);
  }
}

/** The Electron binary's path (the `electron` package exports it), or why there is none. */
function findElectron() {
  let binary;
  try {
    binary = require('electron');
  } catch (error) {
    return { reason: `the optional dependency "electron" is not installed (${error.code ?? error.message})` };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { reason: 'the "electron" package is present but its binary was not downloaded' };
  }
  return { binary };
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = findElectron();
if (electron.binary) {
  console.log(`Backprop Studio: Electron mode (${electron.binary})`);
  forwardSignals(spawn(electron.binary, [root, ...passThrough], { cwd: root, stdio: 'inherit' }));
} else {
  console.log(`Backprop Studio: browser mode, because ${electron.reason}.`);
  const args = [join(root, 'dist/main/host/server.js'), ...passThrough];
  if (!passThrough.includes('--no-open')) args.push('--open');
  forwardSignals(spawn(process.execPath, args.filter((arg) => arg !== '--no-open'), { cwd: root, stdio: 'inherit' }));
}
