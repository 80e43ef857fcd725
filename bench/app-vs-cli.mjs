// Issue 12's speed check, side by side on one machine: the chapter's job trained from the app (browser
// mode: Start in the training workspace → the host's Api → its worker; the clock runs from the click
// to "Done" on screen; the mistakes gallery a moment later) and by `bpstudio train` (process start to exit), alternating, several rounds.
// During each app run the page records its frames with the Performance API (requestAnimationFrame gaps
// and Long Animation Frame entries): the worst frame is what the learner feels.
// Run after `npm run build`: node bench/app-vs-cli.mjs [--iters 10000] [--rounds 3] [--verbose] [--trace]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { median, openBrowserHost, root } from './browser-host.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const iterations = arg('iters', 10_000);
const rounds = arg('rounds', 3);
/** --verbose: each Long Animation Frame over 50 ms, with its scripts (what to look at when a frame is long). */
const verbose = process.argv.includes('--verbose');
/**
 * --trace: also a Chrome trace of each app run, for the page's longest main-thread task in CPU time: the
 * frames' wall time grows with the machine's load (the page waits for a core), their CPU time much less.
 */
const trace = process.argv.includes('--trace');
const browserHost = await openBrowserHost('app-vs-cli');

function cliRun() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin/bpstudio.js'), 'train', '--iters', String(iterations), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => {
      const wall = (performance.now() - started) / 1000;
      const done = out.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.done);
      if (code !== 0 || !done) reject(new Error(`bpstudio train exited ${code}`));
      else resolve({ wall, loop: done.seconds, test: done.test_acc });
    });
  });
}

/** The page's main-thread tasks in a trace: the longest in CPU time, and how many took over 50 ms of CPU. */
function mainThreadTasks(traceJson) {
  const events = JSON.parse(traceJson).traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const frames = (m) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'FireAnimationFrame').length;
  const main = mains.sort((a, b) => frames(b) - frames(a))[0];
  const tasks = events.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined);
  const cpu = tasks.map((e) => e.tdur / 1000);
  return { longest: Math.max(0, ...cpu), over50: cpu.filter((ms) => ms > 50).length, total: cpu.reduce((a, b) => a + b, 0) };
}

async function appRun(page) {
  // Clicked as a learner clicks (an input event at the button), without Playwright's click checks, whose
  // hit-target listener lays the page out inside the click's frame.
  const start = await page.locator('[data-testid=train-start]').boundingBox();
  await page.evaluate(() => {
    const w = window;
    w.__frames = { gaps: [], loaf: [], last: 0, on: true, t0: performance.now() };
    const tick = (t) => {
      if (w.__frames.last) w.__frames.gaps.push(t - w.__frames.last);
      w.__frames.last = t;
      if (w.__frames.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      w.__frames.observer = new PerformanceObserver((list) =>
        list.getEntries().forEach((e) =>
          w.__frames.loaf.push({
            start: e.startTime,
            duration: e.duration,
            render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
            styleAndLayout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
            scripts: e.scripts.map((s) => ({ duration: s.duration, invoker: s.invoker, fn: s.sourceFunctionName, forced: s.forcedStyleAndLayoutDuration })),
          }),
        ),
      );
      w.__frames.observer.observe({ type: 'long-animation-frame' });
    }
  });
  const browser = page.context().browser();
  if (trace) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const started = performance.now();
  await page.mouse.click(start.x + start.width / 2, start.y + start.height / 2);
  await page.waitForFunction(() => /Done|Failed|Cancelled/.test(document.querySelector('[data-testid=train-status]')?.textContent ?? ''), null, { timeout: 600_000, polling: 50 });
  const wall = (performance.now() - started) / 1000;
  // The mistakes (the worker's pass over the test set) arrive after Done; the frames are counted until they are shown.
  await page.waitForSelector('[data-testid=mistakes-gallery] figure', { timeout: 60_000 });
  const gallery = (performance.now() - started) / 1000;
  const frames = await page.evaluate(() => {
    const f = window.__frames;
    f.on = false;
    f.observer?.disconnect();
    const sorted = [...f.gaps].sort((a, b) => a - b);
    return { count: f.gaps.length, worstGap: sorted[sorted.length - 1] ?? 0, p99Gap: sorted[Math.floor(sorted.length * 0.99)] ?? 0, worstLoaf: Math.max(0, ...f.loaf.map((l) => l.duration)), over50: f.gaps.filter((g) => g > 50).length, long: f.loaf.filter((l) => l.duration > 50).map((l) => ({ ...l, start: l.start - f.t0 })) };
  });
  const status = await page.textContent('[data-testid=train-result]');
  const cpu = trace ? mainThreadTasks((await browser.stopTracing()).toString('utf8')) : null;
  return { wall, gallery, frames, status, cpu };
}

const app = [];
const cli = [];
try {
  const page = await browserHost.newPage();
  await page.goto(browserHost.url);
  await page.waitForSelector('[data-testid=canvas]');
  await page.click('[data-testid=view-training]');
  await page.fill('[data-testid=train-option-iterations]', String(iterations));
  for (let r = 0; r < rounds; r++) {
    const a = await appRun(page);
    app.push(a);
    if (a.cpu) console.log(`  main thread: ${a.cpu.total.toFixed(0)} ms of CPU in the run, longest task ${a.cpu.longest.toFixed(1)} ms of CPU, tasks over 50 ms of CPU: ${a.cpu.over50}`);
    if (verbose) for (const l of a.frames.long) console.log(`  long frame at ${(l.start / 1000).toFixed(2)} s: ${l.duration.toFixed(0)} ms (rendering ${l.render.toFixed(0)} ms, style and layout ${l.styleAndLayout.toFixed(0)} ms); scripts: ${l.scripts.map((s) => `${s.invoker}${s.fn ? ` ${s.fn}` : ''} ${s.duration.toFixed(0)} ms${s.forced ? ` (forced layout ${s.forced.toFixed(0)})` : ''}`).join('; ') || 'none'}`);
    console.log(`round ${r + 1} app: ${a.wall.toFixed(2)} s to Done, ${a.gallery.toFixed(2)} s to the mistakes (${a.status}); frames: ${a.frames.count}, worst ${a.frames.worstGap.toFixed(0)} ms, p99 ${a.frames.p99Gap.toFixed(0)} ms, >50 ms: ${a.frames.over50}, worst long animation frame ${a.frames.worstLoaf.toFixed(0)} ms`);
    const c = await cliRun();
    cli.push(c);
    console.log(`round ${r + 1} cli: ${c.wall.toFixed(2)} s (training loop ${c.loop.toFixed(2)} s, test accuracy ${c.test})`);
  }
} finally {
  await browserHost.close();
}
const appMedian = median(app.map((a) => a.wall));
const cliMedian = median(cli.map((c) => c.wall));
console.log(`\n${iterations} iterations, ${rounds} rounds: app median ${appMedian.toFixed(2)} s, CLI median ${cliMedian.toFixed(2)} s → app/CLI ${(appMedian / cliMedian).toFixed(3)}`);
console.log(`app/CLI per round: ${app.map((a, i) => (a.wall / cli[i].wall).toFixed(2)).join(', ')}; worst frame per round: ${app.map((a) => a.frames.worstGap.toFixed(0)).join(', ')} ms; click → mistakes per round: ${app.map((a) => a.gallery.toFixed(2)).join(', ')} s`);
console.log(`worst frame during the app's runs: ${Math.max(...app.map((a) => a.frames.worstGap)).toFixed(0)} ms (rAF gap); median of the runs' worst: ${median(app.map((a) => a.frames.worstGap)).toFixed(0)} ms`);
