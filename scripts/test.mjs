// `npm test`: builds, runs every test runner (vitest for unit and integration tests, Playwright for
// the e2e suite in Chromium), and ends with one line summed over them: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const node = process.execPath;

function run(label, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(node, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

if (run('build', ['scripts/build.mjs']) !== 0) {
  console.log('\nbuild failed\n0 passed, 1 failed');
  process.exit(1);
}

// esbuild and Vite strip types without checking them: a type error fails here, once, by layer.
if (run('typecheck', ['scripts/typecheck.mjs']) !== 0) {
  totals.failed += 1;
  exitCode = 1;
}

const vitestJson = `${results}/vitest.json`;
rmSync(vitestJson, { force: true });
const vitestStatus = run('unit and integration tests (vitest)', [
  'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  if (v.numFailedTestSuites > 0 && v.numFailedTests === 0) totals.failed += v.numFailedTestSuites;
} else {
  totals.failed += 1;
}
if (vitestStatus !== 0) exitCode = 1;

if (existsSync('playwright.config.ts') && !process.argv.includes('--unit')) {
  const pwJson = `${results}/playwright.json`;
  rmSync(pwJson, { force: true });
  const pwStatus = run('end-to-end tests (Playwright, Chromium)', ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    totals.passed += s.expected + s.flaky;
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  } else {
    totals.failed += 1;
  }
  if (pwStatus !== 0) exitCode = 1;
}

if (totals.failed > 0) exitCode = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
