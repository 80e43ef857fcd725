import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphSnapshot } from '../../app/api/contract';
import { createGraphStore } from '../store/graph-store';
import { restoreBackup, startBackups, type BackupApi } from './hot-exit';

const appleText = readFileSync(new URL('../../assets/examples/01-apple.json', import.meta.url), 'utf8');

function recordingApi(mode: 'browser' | 'electron' = 'browser') {
  const calls: (GraphSnapshot | 'discard')[] = [];
  const api: BackupApi = {
    mode,
    backupGraph: async (snapshot) => void calls.push(snapshot),
    discardBackup: async () => void calls.push('discard'),
  };
  return { api, calls };
}

function appleStore() {
  const store = createGraphStore({ api: { mnistBatch: async () => Promise.reject(new Error('no MNIST here')) } });
  store.getState().loadText(appleText, { name: 'apple.json', path: '/home/u/apple.json' });
  return store;
}

/** The apple graph open, its backups written through a recording Api. */
function backingUpApple(mode: 'browser' | 'electron' = 'browser') {
  const store = appleStore();
  const { api, calls } = recordingApi(mode);
  return { store, calls, writer: startBackups(store, api) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('startBackups', () => {
  it('backs up once, a second after the last of several quick edits, with the name, the path and the edit', async () => {
    const { store, calls, writer } = backingUpApple();
    store.getState().updateParam('apple', 'value', 101);
    await vi.advanceTimersByTimeAsync(600);
    store.getState().updateParam('apple', 'value', 150);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    const snapshot = calls[0] as GraphSnapshot;
    expect(snapshot).toMatchObject({ name: store.getState().name, path: '/home/u/apple.json' });
    expect(JSON.parse(snapshot.text).nodes.find((n: { id: string }) => n.id === 'apple').params.value).toBe(150);
    writer.stop();
  });

  it('drops the backup at once when the graph is saved, and writes nothing for a clean graph', async () => {
    const { store, calls, writer } = backingUpApple();
    store.getState().updateParam('apple', 'value', 120);
    await vi.advanceTimersByTimeAsync(1000);
    store.getState().markSaved('apple.json', '/home/u/apple.json');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => (c === 'discard' ? c : 'backup'))).toEqual(['backup', 'discard']);
    store.getState().select(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(2);
    writer.stop();
  });

  it('on page hide: browser mode writes the pending backup now; Electron leaves the choice to its close dialog', async () => {
    for (const mode of ['browser', 'electron'] as const) {
      const { store, calls, writer } = backingUpApple(mode);
      store.getState().updateParam('apple', 'value', 130);
      writer.pageHidden();
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls.length, mode).toBe(mode === 'browser' ? 1 : 0);
      writer.stop();
    }
  });

  it('after a restore, saving removes the backup the restore came from', async () => {
    const store = createGraphStore({ api: { mnistBatch: async () => Promise.reject(new Error('no MNIST here')) } });
    restoreBackup(store, { text: appleText, name: 'apples', path: null, savedAt: 0 });
    const { api, calls } = recordingApi();
    const writer = startBackups(store, api, { hostHasBackup: true });
    store.getState().markSaved('apples.json', '/w/apples.json');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['discard']);
    writer.stop();
  });

  it("never removes a backup it did not write or restore (another tab's, or one not yet offered)", async () => {
    const { store, calls, writer } = backingUpApple();
    store.getState().select('apple');
    writer.pageHidden();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([]);
    writer.stop();
  });
});

describe('restoreBackup', () => {
  it('puts the graph back with its name and path, still unsaved', () => {
    const store = createGraphStore({ api: { mnistBatch: async () => Promise.reject(new Error('no MNIST here')) } });
    const text = appleText.replace('"value": 100', '"value": 777');
    expect(restoreBackup(store, { text, name: 'My apples', path: '/home/u/apple.json', savedAt: 0 })).toBe(true);
    const s = store.getState();
    expect(s).toMatchObject({ name: 'My apples', path: '/home/u/apple.json', dirty: true });
    expect(s.nodes.find((n) => n.id === 'apple')?.data.params.value).toBe(777);
  });
});
