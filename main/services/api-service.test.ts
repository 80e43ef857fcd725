import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiHost } from './api-service';
import { fileApiService } from './file-api.test-helpers';
import { freshDirPerTest } from './temp-dir.test-helpers';

// Electron mode's file rules, with the native dialogs replaced by scripted answers (the one part
// that cannot run here): the renderer can only write where the user chose.

let asked: { suggestedName: string; currentPath: string | null }[];
let answer: string | null;

function service(openAnswer: string | null = null) {
  const host: ApiHost = {
    mode: 'electron',
    chooseFileToOpen: async () => openAnswer,
    async chooseSavePath(suggestedName, currentPath) {
      asked.push({ suggestedName, currentPath });
      return answer;
    },
  };
  return fileApiService(host, dir());
}

const dir = freshDirPerTest('bpstudio-api-');
beforeEach(() => {
  asked = [];
  answer = null;
});

describe('saveFile in Electron mode', () => {
  it('asks with the suggested name (graph extension added) and resolves null when cancelled', async () => {
    const api = service();
    expect(await api.invoke('saveFile', [{ path: null, suggestedName: 'apples', text: '{}' }])).toBeNull();
    expect(asked).toEqual([{ suggestedName: 'apples.json', currentPath: null }]);
  });

  it('writes where the dialog says, then saves there again without asking', async () => {
    const api = service();
    answer = join(dir(), 'chosen.json');
    expect(await api.invoke('saveFile', [{ path: null, suggestedName: 'apples.json', text: '1' }])).toEqual({ path: answer, name: 'chosen.json' });
    await api.invoke('saveFile', [{ path: answer, suggestedName: 'apples.json', text: '2' }]);
    expect(readFileSync(answer, 'utf8')).toBe('2');
    expect(asked).toHaveLength(1);
  });

  it('asks before writing a path the user never picked, offering it as the default', async () => {
    const api = service();
    const elsewhere = join(dir(), 'not-picked.json');
    await api.invoke('saveFile', [{ path: elsewhere, suggestedName: 'x.json', text: 'x' }]);
    expect(asked).toEqual([{ suggestedName: 'x.json', currentPath: elsewhere }]);
    expect(() => readFileSync(elsewhere)).toThrow();
  });

  it('a file opened through the dialog may be saved over without asking', async () => {
    const opened = join(dir(), 'opened.json');
    writeFileSync(opened, '{"a":1}');
    const api = service(opened);
    expect(await api.invoke('openFile', [])).toEqual({ path: opened, name: 'opened.json', text: '{"a":1}' });
    await api.invoke('saveFile', [{ path: opened, suggestedName: 'opened.json', text: '{"a":2}' }]);
    expect(readFileSync(opened, 'utf8')).toBe('{"a":2}');
    expect(asked).toEqual([]);
  });
});

describe('invoke', () => {
  it('refuses unknown operations and bad arguments with sentences, before any work', async () => {
    const api = service();
    await expect(api.invoke('constructor', [])).rejects.toThrow('there is no Api operation named "constructor"');
    await expect(api.invoke('saveFile', [{ path: null, suggestedName: 'a.json' }])).rejects.toThrow(/^saveFile: argument 0\.text: /);
    await expect(api.invoke('saveFile', [{ path: null, suggestedName: 'a.json', text: '', extra: 1 }])).rejects.toThrow(/^saveFile: /);
    await expect(api.invoke('listExamples', 'not a list')).rejects.toThrow(/^listExamples: /);
    expect(asked).toEqual([]);
  });
});
