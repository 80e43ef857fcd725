import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanStaleTempFiles, readTextLimited, saveTextAtomically } from './files';
import { freshDirPerTest } from './temp-dir.test-helpers';

// Real files in a temp folder; the fsync order is checked in atomic-save-sync.test.ts.
const dir = freshDirPerTest('bpstudio-save-');

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('saveTextAtomically keeps what the user set on the file', () => {
  it('keeps a private file private (0600 stays 0600) and gives a new file the usual mode', async () => {
    const path = join(dir(), 'private.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    await saveTextAtomically(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(modeOf(path).toString(8)).toBe('600');

    const fresh = join(dir(), 'fresh.json');
    await saveTextAtomically(fresh, 'x');
    expect(modeOf(fresh)).toBe(0o666 & ~process.umask());
  });

  it('writes through a symlink: the link stays a link and its target gets the text', async () => {
    mkdirSync(join(dir(), 'real'));
    const target = join(dir(), 'real', 'graph.json');
    writeFileSync(target, 'old');
    const link = join(dir(), 'link.json');
    symlinkSync(target, link);
    await saveTextAtomically(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(dir(), 'real'))).toEqual(['graph.json']);

    // A link whose target does not exist yet creates that target.
    const dangling = join(dir(), 'dangling.json');
    symlinkSync(join(dir(), 'real', 'later.json'), dangling);
    await saveTextAtomically(dangling, 'later');
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir(), 'real', 'later.json'), 'utf8')).toBe('later');
  });

  it('refuses a read-only file with a sentence and leaves it as it was', async () => {
    const path = join(dir(), 'locked.json');
    writeFileSync(path, 'keep me');
    chmodSync(path, 0o444);
    await expect(saveTextAtomically(path, 'overwrite')).rejects.toThrow(
      'locked.json is read-only, so it was not overwritten; save it under another name or make it writable first',
    );
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    expect(readdirSync(dir())).toEqual(['locked.json']);
  });

  it('names its temp file recognisably and removes it when the write fails', async () => {
    const path = join(dir(), 'graph.json');
    writeFileSync(path, 'old');
    await saveTextAtomically(path, 'new');
    expect(readdirSync(dir())).toEqual(['graph.json']);
    await expect(saveTextAtomically(join(dir(), 'missing', 'graph.json'), 'x')).rejects.toThrow(/ENOENT/);
  });
});

describe('one byte limit for reading and writing', () => {
  it('counts UTF-8 bytes when saving, as reading does', async () => {
    const path = join(dir(), 'euro.json');
    // 400 characters, 1200 bytes: under a 1000 limit in UTF-16 units, over it in bytes.
    await expect(saveTextAtomically(path, '€'.repeat(400), { limit: 1000 })).rejects.toThrow(
      'cannot save euro.json: it would be 2 kB, more than the 1 kB a graph file may have',
    );
    expect(readdirSync(dir())).toEqual([]);
    // Exactly at the limit: saved, and the reader with the same limit opens it.
    const text = '€'.repeat(333) + '.';
    await saveTextAtomically(path, text, { limit: 1000 });
    expect(await readTextLimited(path, 1000)).toBe(text);
  });
});

describe('cleanStaleTempFiles', () => {
  it('removes our temp files of dead processes and old ones, and nothing else', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const names = {
      deadPid: `.a.json.bpstudio-${dead}-0a1b2c3d4e5f.tmp`,
      livePidFresh: `.b.json.bpstudio-${process.pid}-0a1b2c3d4e5f.tmp`,
      livePidOld: `.c.json.bpstudio-${process.pid}-abcdef012345.tmp`,
      someoneElses: '.d.json.1234.tmp',
      graph: 'graph.json',
    };
    for (const name of Object.values(names)) writeFileSync(join(dir(), name), '');
    const twoHoursAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(join(dir(), names.livePidOld), twoHoursAgo, twoHoursAgo);

    expect((await cleanStaleTempFiles(dir())).sort()).toEqual([names.deadPid, names.livePidOld].sort());
    expect(readdirSync(dir()).sort()).toEqual([names.livePidFresh, names.someoneElses, names.graph].sort());
    await expect(cleanStaleTempFiles(join(dir(), 'no-such-folder'))).resolves.toEqual([]);
  });

  it('removes the temp files of earlier versions (no process in the name) only once they are old', async () => {
    const names = { legacyOld: '.e.json.0a1b2c3d4e5f.tmp', legacyFresh: '.f.json.abcdef012345.tmp', notHex: '.g.json.0a1b2c3d4e5z.tmp', notJson: '.h.txt.0a1b2c3d4e5f.tmp' };
    for (const name of Object.values(names)) writeFileSync(join(dir(), name), '');
    const twoHoursAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    for (const name of Object.values(names)) if (name !== names.legacyFresh) utimesSync(join(dir(), name), twoHoursAgo, twoHoursAgo);

    expect(await cleanStaleTempFiles(dir())).toEqual([names.legacyOld]);
    expect(readdirSync(dir()).sort()).toEqual([names.legacyFresh, names.notHex, names.notJson].sort());
  });
});
