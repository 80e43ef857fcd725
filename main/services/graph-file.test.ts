import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../app/limits';
import { readGraphFile } from './graph-file';
import { freshDirPerTest } from './temp-dir.test-helpers';

const dir = freshDirPerTest('bpstudio-graph-file-');

describe('readGraphFile', () => {
  it('refuses a file over MAX_FILE_BYTES with a sentence, before reading it', async () => {
    const path = join(dir(), 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, MAX_FILE_BYTES + 1024 * 1024); // sparse: nothing is written
    expect(await readGraphFile(path)).toEqual({ ok: false, errors: [`${path}: the file is 33.0 MB, more than the 32.0 MB a graph file may have`] });
  });

  it('keeps its sentences for a missing file and a folder', async () => {
    expect(await readGraphFile(join(dir(), 'none.json'))).toEqual({ ok: false, errors: [`${join(dir(), 'none.json')}: the file does not exist`] });
    expect(await readGraphFile(dir())).toEqual({ ok: false, errors: [`${dir()}: is a folder, not a graph file`] });
  });
});
