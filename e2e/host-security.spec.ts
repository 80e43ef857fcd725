import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { expect, packageRoot, test } from './fixtures';

// The browser-mode host's guards, against the running host of playwright.config.ts.
const port = Number(process.env.BPSTUDIO_E2E_PORT);

/** A raw GET: the path reaches the host exactly as written (browsers and fetch normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('paths outside the built renderer are 404, however they are spelled', async () => {
  for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../package.json', '/..\\package.json']) {
    const res = await rawGet(path);
    expect(res.status, path).toBe(404);
    expect(res.body, path).not.toContain('"name": "backprop-studio"');
  }
  expect((await rawGet('/')).status).toBe(200);
});

test('the host refuses to listen on a non-loopback address', () => {
  const run = spawnSync(process.execPath, [join(packageRoot, 'dist/main/host/server.js'), '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('browser mode serves on 127.0.0.1 only: refusing to listen on 0.0.0.0');
});

test('the Api rejects malformed payloads with a sentence, from the app page itself', async ({ page }) => {
  const answers = await page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="bpstudio-session-token"]')!.content;
    const ws = new WebSocket(`ws://${location.host}/api`, ['bpstudio', `bpstudio.token.${token}`]);
    await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
    const ask = (text: string) =>
      new Promise<{ type: string; message?: string }>((resolve) => {
        ws.addEventListener('message', (event) => resolve(JSON.parse(String(event.data))), { once: true });
        ws.send(text);
      });
    const result = [
      await ask('{oops'),
      await ask(JSON.stringify({ id: 1, method: 'saveFile', args: [{ path: null, suggestedName: '../../etc/passwd', text: 'x' }] })),
      await ask(JSON.stringify({ id: 2, method: 'mnistBatch', args: [{ split: 'train', batchSize: 1e9, seed: 0 }] })),
      await ask(JSON.stringify({ id: 3, method: 'readExample', args: [42] })),
      await ask(JSON.stringify({ id: 4, method: 'saveFile', args: [{ path: null, suggestedName: 'payload.sh', text: 'rm -rf ~' }] })),
    ];
    ws.close();
    return result;
  });
  expect(answers[0]).toEqual({ type: 'error', id: null, message: 'the message is not valid JSON' });
  expect(answers[1]).toMatchObject({ type: 'error', message: 'saveFile: argument 0.suggestedName: a file name must not contain a slash, a backslash or a NUL character' });
  expect(answers[2]).toMatchObject({ type: 'error', message: expect.stringMatching(/^mnistBatch: argument 0\.batchSize: /) });
  expect(answers[3]).toMatchObject({ type: 'error', message: expect.stringMatching(/^readExample: argument 0: /) });
  expect(answers[4]).toMatchObject({ type: 'error', message: 'cannot save as "payload.sh": the workspace holds only .json graph files' });
});

test('a connection with the right Origin but without the session token is refused', async ({ page }) => {
  const origin = `http://127.0.0.1:${port}`;
  const refusal = (ws: WebSocket) =>
    new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', (error) => resolve(error.message));
    });
  expect(await refusal(new WebSocket(`ws://127.0.0.1:${port}/api`, { origin }))).toContain('401');
  expect(await refusal(new WebSocket(`ws://127.0.0.1:${port}/api`, ['bpstudio', 'bpstudio.token.guessed'], { origin }))).toContain('401');
  // The page itself got the token in its HTML and is connected: the examples menu lists what the host sent.
  const token = await page.locator('meta[name="bpstudio-session-token"]').getAttribute('content');
  expect(token).toMatch(/^[\w-]{43}$/);
  expect(page.url()).not.toContain(token!);
  const withToken = new WebSocket(`ws://127.0.0.1:${port}/api`, ['bpstudio', `bpstudio.token.${token}`], { origin });
  expect(await refusal(withToken)).toBe('open');
  withToken.close();
});

test('the Api WebSocket refuses pages from other origins', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { origin: 'https://evil.example' });
  const outcome = await new Promise<string>((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('error', (error) => resolve(error.message));
  });
  expect(outcome).toContain('403');
});

test('the host runs one training at a time: a second Start is refused with a sentence', async ({ page }) => {
  const outcome = await page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="bpstudio-session-token"]')!.content;
    const ws = new WebSocket(`ws://${location.host}/api`, ['bpstudio', `bpstudio.token.${token}`]);
    await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
    const answers = new Map<number, { type: string; result?: { runId: string }; message?: string }>();
    const ended = new Set<string>();
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data));
      if (message.type === 'event' && ['done', 'cancelled', 'failed'].includes(message.event.type)) ended.add(message.event.runId);
      else if (message.id !== null) answers.set(message.id, message);
    });
    const until = async <T,>(get: () => T | undefined): Promise<T> => {
      for (let i = 0; i < 600; i++) {
        const value = get();
        if (value !== undefined) return value;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('no answer in 60 s');
    };
    const options = { iterations: 100_000, batchSize: 10, learningRate: 0.1, hiddenSize: 10, optimizer: 'sgd', init: 'normal', weightStd: 0.01, seed: 0, backend: 'js' };
    ws.send(JSON.stringify({ id: 1, method: 'startTraining', args: [options] }));
    ws.send(JSON.stringify({ id: 2, method: 'startTraining', args: [options] }));
    const first = await until(() => answers.get(1));
    const second = await until(() => answers.get(2));
    const runId = first.result!.runId;
    ws.send(JSON.stringify({ id: 3, method: 'cancelTraining', args: [runId] }));
    await until(() => (ended.has(runId) ? true : undefined));
    ws.close();
    return { first: first.type, second };
  });
  expect(outcome.first).toBe('result');
  expect(outcome.second).toEqual({
    type: 'error',
    id: 2,
    message: 'a training run is already going; wait for it to finish or cancel it before starting another',
    // The catalog code, so a page in Chinese says it in Chinese (app/i18n/messages.ts).
    code: 'training_second_run',
    params: {},
  });
});
