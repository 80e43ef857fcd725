import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileApiService } from './file-api.test-helpers';
import { backupFileName, createBackupStore, parseBackup } from './backups';
import { freshDirPerTest } from './temp-dir.test-helpers';

const dir = freshDirPerTest('bpstudio-backups-');

describe('the backup store', () => {
  it('keeps the latest snapshot with its time, privately, and forgets it on discard', async () => {
    let clock = 1_700_000_000_000;
    const store = createBackupStore(join(dir(), 'backups'), () => clock);
    expect(await store.claimOrphan('a')).toBeNull();
    await store.write('a', { text: '{"name":"first"}', name: 'first', path: null });
    clock += 5000;
    await store.write('a', { text: '{"name":"Äpfel 计算图"}\n', name: 'Äpfel 计算图', path: '/home/u/a.json' });
    // The page reloaded (same window, same slot): its own backup is offered back.
    expect(await store.claimOrphan('a')).toEqual({ text: '{"name":"Äpfel 计算图"}\n', name: 'Äpfel 计算图', path: '/home/u/a.json', savedAt: clock });
    expect(statSync(join(dir(), 'backups', backupFileName('a'))).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir(), 'backups')).mode & 0o777).toBe(0o700);
    await store.discard('a');
    expect(await store.claimOrphan('a')).toBeNull();
    await expect(store.discard('a')).resolves.toBeUndefined();
  });

  it('does each operation in the order asked: a discard is not overtaken by an earlier write', async () => {
    const store = createBackupStore(dir());
    const writes = [1, 2, 3].map((n) => store.write('a', { text: String(n), name: `v${n}`, path: null }));
    const discarded = store.discard('a');
    await Promise.all([...writes, discarded]);
    expect(await store.claimOrphan('a')).toBeNull();
    expect(readdirSync(dir())).toEqual([]);
  });

  it('gives every page its own slot: two tabs never overwrite each other, and a closed tab\'s work waits for the next page', async () => {
    let clock = 1_700_000_000_000;
    const store = createBackupStore(dir(), () => clock++);
    await store.write('tab1', { text: 'one', name: 'one', path: null });
    await store.write('tab2', { text: 'two', name: 'two', path: null });
    expect(readdirSync(dir()).sort()).toEqual([backupFileName('tab1'), backupFileName('tab2')]);
    // Both pages are open: a third has nothing to be offered.
    expect(await store.claimOrphan('tab3')).toBeNull();

    store.release('tab1');
    expect(await store.claimOrphan('tab3')).toMatchObject({ name: 'one', text: 'one' });
    // Taken over: tab3 owns it now, so a fourth page is not offered it, and tab3's discard removes it.
    expect(readdirSync(dir()).sort()).toEqual([backupFileName('tab2'), backupFileName('tab3')]);
    expect(await store.claimOrphan('tab4')).toBeNull();
    await store.discard('tab3');
    expect(readdirSync(dir())).toEqual([backupFileName('tab2')]);
  });

  it('offers the newest orphan first after a crash, and reads the single slot of earlier versions', async () => {
    let clock = 1_700_000_000_000;
    const before = createBackupStore(dir(), () => (clock += 1000));
    await before.write('old', { text: 'older', name: 'older', path: null });
    await before.write('new', { text: 'newer', name: 'newer', path: null });
    writeFileSync(join(dir(), 'graph.backup'), '{"format":"backprop-studio-backup","version":1,"savedAt":1,"name":"legacy","path":null}\nlegacy');
    writeFileSync(join(dir(), 'graph-x.backup'), 'torn');

    // The host was killed: a new store knows no live page.
    const after = createBackupStore(dir());
    expect(await after.claimOrphan('p1')).toMatchObject({ name: 'newer' });
    expect(await after.claimOrphan('p2')).toMatchObject({ name: 'older' });
    expect(await after.claimOrphan('p3')).toMatchObject({ name: 'legacy' });
    expect(await after.claimOrphan('p4')).toBeNull();
    expect(readdirSync(dir()).sort()).toEqual(['graph-p1.backup', 'graph-p2.backup', 'graph-p3.backup', 'graph-x.backup']);
  });

  it('refuses a slot name that could leave the folder', async () => {
    const store = createBackupStore(dir());
    expect(() => store.write('../evil', { text: '', name: '', path: null })).toThrow(/backup slot/);
    expect(() => backupFileName('')).toThrow(/backup slot/);
    expect(await store.claimOrphan('a')).toBeNull();
  });

  it('reads a torn or foreign file as no backup', () => {
    expect(parseBackup('')).toBeNull();
    expect(parseBackup('{"format":"backprop-studio-backup","version":1,"savedAt":1,"name":"x","path":null}')).toBeNull();
    expect(parseBackup('{"format":"other","version":1,"savedAt":1,"name":"x","path":null}\n{}')).toBeNull();
    expect(parseBackup('{"format":"backprop-studio-backup","version":2,"savedAt":1,"name":"x","path":null}\n{}')).toBeNull();
    expect(parseBackup('{"format":"backprop-studio-backup","version":1,"savedAt":1,"name":"x","path":7}\n{}')).toBeNull();
    expect(parseBackup('{"format":"backprop-studio-backup","version":1,"savedAt":1,"name":"x","path":null}\n{}')).toEqual({ savedAt: 1, name: 'x', path: null, text: '{}' });
  });

  it('cleans temp files a killed backup left behind when it starts', async () => {
    const stale = '.graph.backup.bpstudio-999999999-0a1b2c3d4e5f.tmp';
    writeFileSync(join(dir(), stale), '');
    const store = createBackupStore(dir());
    await store.claimOrphan('a');
    expect(readdirSync(dir())).toEqual([]);
  });
});

describe('backups through the Api', () => {
  function service(workspace: string) {
    const host = { mode: 'browser', workspaceDir: workspace, backups: createBackupStore(join(dir(), 'backups')), chooseFileToOpen: async () => null, chooseSavePath: async () => null } as const;
    return fileApiService(host, dir());
  }

  it('keeps a path only if the user saved or opened it in this session, and the next session may save there', async () => {
    const workspace = join(dir(), 'ws');
    const api = service(workspace);
    await api.invoke('backupGraph', [{ text: '{}', name: 'planted', path: '/etc/cron.d/evil.json' }]);
    expect(await api.invoke('readBackup', [])).toMatchObject({ name: 'planted', path: null });

    const saved = (await api.invoke('saveFile', [{ path: null, suggestedName: 'mine.json', text: '{"v":1}' }])) as { path: string };
    await api.invoke('backupGraph', [{ text: '{"v":2}', name: 'mine', path: saved.path }]);

    const next = service(workspace);
    expect(await next.invoke('readBackup', [])).toMatchObject({ name: 'mine', path: saved.path, text: '{"v":2}' });
    expect(await next.invoke('saveFile', [{ path: saved.path, suggestedName: 'ignored.json', text: '{"v":2}' }])).toEqual({ path: saved.path, name: 'mine.json' });
    await next.invoke('discardBackup', []);
    expect(await next.invoke('readBackup', [])).toBeNull();
  });

  it('checks the snapshot like every other argument', async () => {
    const api = service(join(dir(), 'ws'));
    await expect(api.invoke('backupGraph', [{ text: '{}', name: 'x' }])).rejects.toThrow(/^backupGraph: argument 0\.path: /);
    await expect(api.invoke('backupGraph', [{ text: 5, name: 'x', path: null }])).rejects.toThrow(/^backupGraph: argument 0\.text: /);
  });

  it('lists the workspace graph files with the folder they are in', async () => {
    const workspace = join(dir(), 'ws');
    const api = service(workspace);
    await api.invoke('saveFile', [{ path: null, suggestedName: 'b', text: '{}' }]);
    await api.invoke('saveFile', [{ path: null, suggestedName: 'a.json', text: '{"x":1}' }]);
    writeFileSync(join(workspace, 'notes.txt'), 'not a graph');
    const listing = (await api.invoke('listWorkspace', [])) as { folder: string; files: { name: string; size: number }[] };
    expect(listing.folder).toBe(workspace);
    expect(listing.files.map(({ name, size }) => ({ name, size }))).toEqual([
      { name: 'a.json', size: 7 },
      { name: 'b.json', size: 2 },
    ]);
  });
});
