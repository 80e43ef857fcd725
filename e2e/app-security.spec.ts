import { expect, test } from './fixtures';

// What the page itself can and cannot do. Electron enforces navigation and window blocking in
// main/electron/security.ts; in browser mode the page is an ordinary tab, so there the CSP and the
// host's guards (e2e/host-security.spec.ts) are what hold.

test('the Content-Security-Policy stops an injected inline script', async ({ page, mode, cspViolations }) => {
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { injected: (window as { __injected?: boolean }).__injected === true, violations };
  });
  expect(outcome.injected).toBe(false);
  expect(outcome.violations).toContain('script-src-elem');
  // The console watch the next test relies on does see a violation.
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  if (mode === 'browser') {
    const csp = (await page.request.get('/')).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  }
});

test('the app itself works within its CSP: no violation while opening, running and training views', async ({ page, cspViolations }) => {
  await page.getByTestId('examples-menu').click();
  await page.getByTestId('example-09-two-layer-net.json').click();
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-forward')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('run-backward').click();
  await expect(page.getByTestId('status-bar')).toContainText(/backward/i);
  await page.locator('[data-testid^="node-"][data-kind]').first().click();
  await page.getByTestId('tab-training').click();
  await page.getByTestId('tab-inspector').click();
  expect(cspViolations).toEqual([]);
});

test('the page has no Node and no raw IPC; Electron gives it only the Api object', async ({ page, mode }) => {
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bpstudio: (globalThis as { bpstudio?: Record<string, unknown> }).bpstudio ? Object.keys((globalThis as { bpstudio?: object }).bpstudio!).sort() : null,
  }));
  expect(globals.require).toBe('undefined');
  expect(globals.process).toBe('undefined');
  if (mode === 'electron') {
    expect(globals.bpstudio).toEqual(
      ['backupGraph', 'cancelTraining', 'discardBackup', 'listExamples', 'listWorkspace', 'mnistBatch', 'mode', 'onMenuCommand', 'onTrainingEvent', 'openFile', 'pauseTraining', 'readBackup', 'readExample', 'resumeTraining', 'saveFile', 'setLanguage', 'startTraining'].sort(),
    );
  } else {
    expect(globals.bpstudio).toBeNull();
  }
});

test('in Electron the window cannot navigate away or open another window', async ({ page, mode, electronApp }) => {
  test.skip(mode !== 'electron', 'browser mode shows the app in an ordinary tab, whose navigation belongs to the user');
  const start = page.url();
  expect(start).toBe('app://bpstudio/index.html');
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.evaluate(() => window.open('https://example.com/', '_blank'));
  await page.waitForTimeout(500);
  expect(page.url()).toBe(start);
  expect(electronApp!.windows()).toHaveLength(1);
  await expect(page.getByTestId('canvas')).toBeVisible();
});
