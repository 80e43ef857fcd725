import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { API_METHODS } from '../../app/api/api-methods';
import { nodeBundleOptions } from '../../scripts/node-bundle.mjs';

/** The preload as Electron's sandbox runs it: its bundle, with a `require` that knows only electron. */
async function loadPreload(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const bundle = await build({ entryPoints: [join(__dirname, 'preload.ts')], ...nodeBundleOptions, format: 'cjs', external: ['electron'], write: false });
  const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, (...args: unknown[]) => unknown>) => exposed.set(name, api) },
    ipcRenderer: { invoke, on: () => undefined, removeListener: () => undefined },
  };
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot load ${id}`);
  };
  // The test's Error, so that the preload's instanceof Error sees the errors ipcRenderer (here, this test) throws.
  runInNewContext(bundle.outputFiles[0].text, { require: sandboxRequire, module: { exports: {} }, exports: {}, Error });
  return exposed;
}

it('the bundled preload loads nothing but electron and forwards every Api operation over IPC', async () => {
  const calls: unknown[][] = [];
  const exposed = await loadPreload(async (...args) => {
    calls.push(args);
    return 'answer';
  });
  const api = exposed.get('bpstudio')!;
  expect(api.mode).toBe('electron');
  for (const method of API_METHODS) expect(await api[method]('a', 2)).toBe('answer');
  expect(calls).toEqual(API_METHODS.map((method) => [`bpstudio:${method}`, 'a', 2]));
  expect(typeof api.onTrainingEvent).toBe('function');
  expect(typeof api.onMenuCommand).toBe('function');
});

it("takes Electron's prefix off an error's sentence", async () => {
  const exposed = await loadPreload(async () => {
    throw new Error("Error invoking remote method 'bpstudio:readExample': Error: cannot read the example x.json");
  });
  await expect(exposed.get('bpstudio')!.readExample('x.json')).rejects.toThrow(/^cannot read the example x\.json$/);
});
