import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExamples, readExample, readTextLimited, resolveInside, saveTextAtomically } from './files';
import { freshDirPerTest } from './temp-dir.test-helpers';

const dir = freshDirPerTest('bpstudio-files-');

describe('saveTextAtomically', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const path = join(dir(), 'graph.json');
    writeFileSync(path, 'old');
    await saveTextAtomically(path, '{"new": true}');
    expect(readFileSync(path, 'utf8')).toBe('{"new": true}');
    expect(readdirSync(dir())).toEqual(['graph.json']);
  });

  it('fails without touching the target when the folder does not exist', async () => {
    await expect(saveTextAtomically(join(dir(), 'missing', 'graph.json'), 'x')).rejects.toThrow(/ENOENT/);
  });
});

describe('readTextLimited', () => {
  it('refuses a file larger than the limit with a sentence naming it', async () => {
    writeFileSync(join(dir(), 'big.json'), 'x'.repeat(2048));
    await expect(readTextLimited(join(dir(), 'big.json'), 1024)).rejects.toThrow('big.json is 2 kB, more than the 1 kB a graph file may have');
    await expect(readTextLimited(join(dir(), 'big.json'), 4096)).resolves.toHaveLength(2048);
  });

  it('says when there is no such file or it is a folder', async () => {
    await expect(readTextLimited(join(dir(), 'nope.json'))).rejects.toThrow('no such file or folder');
    await expect(readTextLimited(dir())).rejects.toThrow('is not a file');
  });
});

describe('examples', () => {
  it('lists each .json file with the name and description it gives, sorted, broken ones by file name', async () => {
    writeFileSync(join(dir(), 'b.json'), JSON.stringify({ name: 'Apple', description: 'two apples and tax' }));
    writeFileSync(join(dir(), 'a.json'), '{ not json');
    writeFileSync(join(dir(), 'notes.txt'), 'ignored');
    expect(await listExamples(dir())).toEqual([
      { file: 'a.json', name: 'a' },
      { file: 'b.json', name: 'Apple', description: 'two apples and tax' },
    ]);
  });

  it('reads an example by name and refuses names that leave the folder', async () => {
    writeFileSync(join(dir(), 'b.json'), '{}');
    await expect(readExample(dir(), 'b.json')).resolves.toMatchObject({ name: 'b.json', text: '{}' });
    await expect(readExample(dir(), '../etc/passwd')).rejects.toThrow('there is no example named "../etc/passwd"');
    expect(resolveInside(dir(), '../x.json')).toBeNull();
    expect(resolveInside(dir(), '/etc/passwd')).toBeNull();
    expect(resolveInside(dir(), 'sub/x.json')).toBe(join(dir(), 'sub', 'x.json'));
  });
});
