import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SESSION_TOKEN_META, tokenProtocols } from '../../app/api/session-token';
import type { MnistData } from '../../app/mnist';
import type { TrainingEvent } from '../../app/train/protocol';
import { createBrowserClient, type WebSocketLike } from '../../renderer/api/browser-client';
import { createJsBackend } from '../../app/tensor/js-backend';
import { createApiService, type TrainingRunner } from '../services/api-service';
import { startHost, type RunningHost } from './host';

// The browser-mode host end to end over real sockets: static files, its guards, and the Api through
// the very WebSocket client the renderer uses.

let root: string;
let workspace: string;
let host: RunningHost;

/** Two 28×28 "images" per split: enough to check what mnistBatch sends back. */
function tinyMnist(): MnistData {
  const split = (labels: number[]) => {
    const images = new Uint8Array(labels.length * 784);
    labels.forEach((_, i) => images.fill(255 * (i + 1) / labels.length, i * 784, (i + 1) * 784));
    return { images, labels: Uint8Array.from(labels), count: labels.length };
  };
  return { train: split([3, 7]), test: split([1, 2]) };
}

/** The Api service of a browser-mode host on the test's folders, with this training runner. */
function serviceWith(trainingRunner: TrainingRunner) {
  return createApiService({
    host: { mode: 'browser', workspaceDir: workspace, chooseFileToOpen: async () => null, chooseSavePath: async () => null },
    examplesDir: join(root, 'examples'),
    loadMnist: tinyMnist,
    createBackend: () => createJsBackend('float64'),
    createTrainingRunner: () => trainingRunner,
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bpstudio-host-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  mkdirSync(join(root, 'examples'));
  workspace = join(root, 'workspace');
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-CONTENT');
  writeFileSync(join(root, 'examples', '01-apple.json'), JSON.stringify({ name: 'Apple', description: '2 apples' }));
  const service = serviceWith({
    start: () => 'run-1',
    pause: () => undefined,
    resume: () => undefined,
    cancel: (runId) => {
      throw new Error(`there is no training run ${runId}`);
    },
  });
  host = await startHost({ port: 0, rendererDir: join(root, 'renderer'), service });
});

afterAll(async () => {
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A socket as the served page opens it: the right Origin and the session token. */
const pageSocket = (port: number, token: string) => (url: string) =>
  new WebSocket(url, tokenProtocols(token), { origin: `http://127.0.0.1:${port}` }) as unknown as WebSocketLike;

const client = () => createBrowserClient(`ws://127.0.0.1:${host.port}/api`, pageSocket(host.port, host.token));

/** How an upgrade ends: 'open', or the error naming the refusal's status. */
function outcomeOf(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    ws.once('open', () => {
      resolve('open');
      ws.close();
    });
    ws.once('error', (error) => resolve(error.message));
  });
}

describe('static files', () => {
  it('serves index.html with its content type and a strict CSP', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 to paths that leave the renderer folder, however they are spelled', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..\\secret.txt', '/../package.json']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('TOP-SECRET-CONTENT');
    }
  });

  it('refuses requests whose Host is not the loopback address (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('refuses to listen anywhere but the loopback interface', async () => {
    await expect(startHost({ port: 0, host: '0.0.0.0', rendererDir: root, service: {} as never })).rejects.toThrow(
      'browser mode serves on 127.0.0.1 only: refusing to listen on 0.0.0.0',
    );
  });
});

describe('the Api over the WebSocket', () => {
  it('lists and reads examples', async () => {
    const api = client();
    expect(await api.listExamples()).toEqual([{ file: '01-apple.json', name: 'Apple', description: '2 apples' }]);
    expect((await api.readExample('01-apple.json')).text).toContain('"Apple"');
    await expect(api.readExample('../secret.txt')).rejects.toThrow('readExample: argument 0: a file name must not contain a slash');
  });

  it('saves into the workspace under the suggested name, then over the same path', async () => {
    const api = client();
    const saved = await api.saveFile({ path: null, suggestedName: 'my graph', text: '{"a":1}' });
    expect(saved).toEqual({ path: join(workspace, 'my graph.json'), name: 'my graph.json' });
    await api.saveFile({ path: saved!.path, suggestedName: 'ignored.json', text: '{"a":2}' });
    expect(readFileSync(join(workspace, 'my graph.json'), 'utf8')).toBe('{"a":2}');
  });

  it('replaces a workspace file under a typed name only when the user confirmed it', async () => {
    const api = client();
    await api.saveFile({ path: null, suggestedName: 'twice.json', text: '{"v":1}' });
    await expect(api.saveFile({ path: null, suggestedName: 'twice.json', text: '{"v":2}' })).rejects.toThrow(
      'twice.json already exists in the workspace; choose another name or confirm replacing it',
    );
    expect(readFileSync(join(workspace, 'twice.json'), 'utf8')).toBe('{"v":1}');
    await api.saveFile({ path: null, suggestedName: 'twice.json', text: '{"v":3}', overwrite: true });
    expect(readFileSync(join(workspace, 'twice.json'), 'utf8')).toBe('{"v":3}');
  });

  it('never writes a path the user did not pick: an unknown path saves into the workspace instead', async () => {
    const api = client();
    const outside = join(root, 'outside.json');
    const saved = await api.saveFile({ path: outside, suggestedName: 'inside.json', text: '{}' });
    expect(saved?.path).toBe(join(workspace, 'inside.json'));
    expect(() => readFileSync(outside)).toThrow();
  });

  it('sends an MNIST batch as plain numbers with its indices and labels', async () => {
    const batch = await client().mnistBatch({ split: 'train', batchSize: 2, seed: 0, indices: [1, 0] });
    expect(batch.x.shape).toEqual([2, 784]);
    expect(batch.x.data[0]).toBe(1);
    expect(batch.x.data[784]).toBeCloseTo(127 / 255, 12);
    expect(batch.t.shape).toEqual([2, 10]);
    expect(batch.t.data.slice(0, 10)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(batch.labels).toEqual([7, 3]);
    expect(batch.indices).toEqual([1, 0]);
    const drawn = await client().mnistBatch({ split: 'test', batchSize: 5, seed: 42 });
    expect(drawn.indices).toHaveLength(5);
    expect(drawn.labels).toEqual(drawn.indices.map((i) => [1, 2][i]));
  });

  it('rejects malformed payloads with a sentence and keeps serving', async () => {
    const api = client();
    await expect(api.mnistBatch({ split: 'validation' as 'train', batchSize: 2, seed: 0 })).rejects.toThrow(/^mnistBatch: argument 0\.split: /);
    await expect(api.mnistBatch({ split: 'train', batchSize: 0, seed: 0 })).rejects.toThrow(/^mnistBatch: argument 0\.batchSize: /);
    await expect(api.cancelTraining('run-9')).rejects.toThrow('there is no training run run-9');
    expect(await api.startTraining({ iterations: 1, batchSize: 1, learningRate: 0.1, hiddenSize: 5, optimizer: 'sgd', init: 'normal', weightStd: 0.01, seed: 0, backend: 'js' })).toEqual({ runId: 'run-1' });
  });

  it('answers raw protocol mistakes with an error message naming them', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, tokenProtocols(host.token), { origin: `http://127.0.0.1:${host.port}` });
    await new Promise((resolve) => ws.once('open', resolve));
    const answer = (text: string) =>
      new Promise<unknown>((resolve) => {
        ws.once('message', (data) => resolve(JSON.parse(String(data))));
        ws.send(text);
      });
    expect(await answer('not json')).toEqual({ type: 'error', id: null, message: 'the message is not valid JSON' });
    expect(await answer(JSON.stringify({ id: 4, method: 'deleteEverything', args: [] }))).toEqual({
      type: 'error',
      id: 4,
      message: 'there is no Api operation named "deleteEverything"',
    });
    expect(await answer(JSON.stringify({ id: 5, method: 'listExamples' }))).toMatchObject({ type: 'error', id: 5, message: expect.stringMatching(/^the message is not an Api request: argument args/) });
    ws.close();
  });

  it('refuses WebSocket connections from other origins, even with the token', async () => {
    expect(await outcomeOf(new WebSocket(`ws://127.0.0.1:${host.port}/api`, tokenProtocols(host.token), { origin: 'https://evil.example' }))).toMatch(/403/);
  });

  it('refuses connections with the right Origin but without the session token, or with a wrong one', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const url = `ws://127.0.0.1:${host.port}/api`;
    expect(await outcomeOf(new WebSocket(url, { origin }))).toMatch(/401/);
    expect(await outcomeOf(new WebSocket(url, ['bpstudio'], { origin }))).toMatch(/401/);
    expect(await outcomeOf(new WebSocket(url, tokenProtocols(`${host.token.slice(0, -1)}x`), { origin }))).toMatch(/401/);
    expect(await outcomeOf(new WebSocket(`${url}?token=${host.token}`, { origin }))).toMatch(/401/);
    expect(await outcomeOf(new WebSocket(url, tokenProtocols(host.token), { origin }))).toBe('open');
  });

  it('hands the page its token in the served HTML, new each session and never cached', async () => {
    const page = await get('/');
    expect(page.body).toContain(`<meta name="${SESSION_TOKEN_META}" content="${host.token}" />`);
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await get('/index.html')).body).toContain(host.token);
    expect(host.token).toMatch(/^[\w-]{43}$/);
    const other = await startHost({ port: 0, rendererDir: join(root, 'renderer'), service: { onTrainingEvent: () => () => undefined } as never });
    expect(other.token).not.toBe(host.token);
    await other.close();
  });

  it('writes only .json graph files into the workspace', async () => {
    const api = client();
    for (const name of ['run.sh', 'x.json.sh', '.bashrc', '.hidden.json']) {
      await expect(api.saveFile({ path: null, suggestedName: name, text: '{}' }), name).rejects.toThrow(
        `cannot save as ${JSON.stringify(name)}: the workspace holds only .json graph files`,
      );
    }
    expect((await api.saveFile({ path: null, suggestedName: 'plain', text: '{}' }))?.name).toBe('plain.json');
  });
});

describe('training over the WebSocket', () => {
  it('runs one training at a time: a second Start says so in a sentence, and is allowed once the first ended', async () => {
    const ends = new Map<string, (event: TrainingEvent) => void>();
    let next = 1;
    const service = serviceWith({
      start: (_options, onEvent) => {
        const runId = `run-${next++}`;
        ends.set(runId, onEvent);
        return runId;
      },
      pause: () => undefined,
      resume: () => undefined,
      cancel: (runId) => ends.get(runId)!({ type: 'cancelled', runId, iteration: 1 }),
    });
    const own = await startHost({ port: 0, rendererDir: join(root, 'renderer'), service });
    const options = { iterations: 1, batchSize: 1, learningRate: 0.1, hiddenSize: 5, optimizer: 'sgd', init: 'normal', weightStd: 0.01, seed: 0, backend: 'js' } as const;
    try {
      const page = createBrowserClient(`ws://127.0.0.1:${own.port}/api`, pageSocket(own.port, own.token));
      const otherTab = createBrowserClient(`ws://127.0.0.1:${own.port}/api`, pageSocket(own.port, own.token));
      const [first, second] = await Promise.allSettled([page.startTraining(options), otherTab.startTraining(options)]);
      const outcomes = [first.status, second.status].sort();
      expect(outcomes).toEqual(['fulfilled', 'rejected']);
      const refused = (first.status === 'rejected' ? first : second) as PromiseRejectedResult;
      expect((refused.reason as Error).message).toBe('a training run is already going; wait for it to finish or cancel it before starting another');
      const { runId } = ((first.status === 'fulfilled' ? first : second) as PromiseFulfilledResult<{ runId: string }>).value;
      await page.cancelTraining(runId);
      expect(await otherTab.startTraining(options)).toEqual({ runId: 'run-2' });
    } finally {
      await own.close();
    }
  });
});

describe('the browser client across a host restart', () => {
  it('fails a call with a sentence while the host is down and reconnects once it is back', async () => {
    const rendererDir = join(root, 'renderer');
    const makeService = () =>
      createApiService({
        host: { mode: 'browser', workspaceDir: workspace, chooseFileToOpen: async () => null, chooseSavePath: async () => null },
        examplesDir: join(root, 'examples'),
        loadMnist: tinyMnist,
        createBackend: () => createJsBackend('float64'),
        createTrainingRunner: () => {
          throw new Error('no training here');
        },
      });
    let second = await startHost({ port: 0, rendererDir, service: makeService() });
    const port = second.port;
    // A restarted host has a new token; the page would reload to get it, this client keeps offering both.
    let token = second.token;
    const api = createBrowserClient(`ws://127.0.0.1:${port}/api`, (url) => pageSocket(port, token)(url));
    expect(await api.listExamples()).toHaveLength(1);

    await second.close();
    // Depending on whether the client has seen the close yet: "closed before it answered" or "cannot reach".
    await expect(api.listExamples()).rejects.toThrow(/(closed before it answered listExamples|cannot reach the Backprop Studio host at ws:\/\/127\.0\.0\.1:\d+\/api)/);
    await expect(api.listExamples()).rejects.toThrow(`cannot reach the Backprop Studio host at ws://127.0.0.1:${port}/api; is it still running?`);

    second = await startHost({ port, rendererDir, service: makeService() });
    token = second.token;
    expect(await api.listExamples()).toHaveLength(1);
    await second.close();
  });
});
