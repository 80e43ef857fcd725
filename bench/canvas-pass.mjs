// The canvas benchmark of issue 4: a full forward + backward pass of the two-layer net on a batch of
// 100 MNIST images, in the real renderer (browser mode, Debian's Chromium), against the 100 ms budget.
// Reports the median of 10 passes twice: compute only (the executor, float64 JS) and click → painted
// frame (compute plus React Flow's re-render). Run after `npm run build`: node bench/canvas-pass.mjs
import { median, openBrowserHost } from './browser-host.mjs';

const budgetMs = 100;
const passes = 10;
const app = await openBrowserHost('canvas bench');
try {
  const page = await app.newPage();
  await page.goto(app.url);
  await page.waitForSelector('[data-testid=canvas]');
  await page.click('[data-testid=examples-menu]');
  await page.click('[data-testid="example-09-two-layer-net.json"]');
  await page.click('[data-testid=node-data]');
  await page.fill('[data-testid=param-indices]', '');
  await page.press('[data-testid=param-indices]', 'Enter');
  await page.fill('[data-testid=param-batchSize]', '100');
  await page.press('[data-testid=param-batchSize]', 'Enter');
  await page.click('[data-testid=canvas]', { position: { x: 10, y: 10 } });
  // A first pass fetches the batch from the host and warms the JIT; it is not counted.
  await page.click('[data-testid=run-backward]');
  await page.waitForFunction(() => document.querySelector('[data-testid=status-bar]').textContent.includes('backward'));

  const frame = [];
  const compute = [];
  for (let i = 0; i < passes; i++) {
    await page.click('[data-testid=reset]');
    await page.waitForTimeout(50);
    frame.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const status = document.querySelector('[data-testid=status-bar]');
            const t0 = performance.now();
            document.querySelector('[data-testid=run-backward]').click();
            const poll = () => (status.textContent.includes('backward') ? resolve(performance.now() - t0) : requestAnimationFrame(poll));
            requestAnimationFrame(poll);
          }),
      ),
    );
    compute.push(Number(await page.getAttribute('[data-testid=step-time]', 'data-ms')));
  }
  const m1 = median(compute);
  const m2 = median(frame);
  console.log(`canvas pass, two-layer net 784-50-10, batch 100, forward + backward, median of ${passes}:`);
  console.log(`  compute only           ${m1.toFixed(1)} ms  (${(m1 / budgetMs).toFixed(2)} of the ${budgetMs} ms budget)`);
  console.log(`  click → painted frame  ${m2.toFixed(1)} ms  (${(m2 / budgetMs).toFixed(2)} of the ${budgetMs} ms budget)`);
} finally {
  await app.close();
}
