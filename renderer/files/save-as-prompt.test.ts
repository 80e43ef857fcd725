import { describe, expect, it } from 'vitest';
import { askForSaveName, graphFileName, saveAsPrompt, saveNameProblem } from './save-as-prompt';

describe('the Save As name', () => {
  it('adds .json unless the name ends so, so a typed "run.sh" cannot save a script', () => {
    expect(graphFileName(' apples ')).toBe('apples.json');
    expect(graphFileName('apples.JSON')).toBe('apples.JSON');
    expect(graphFileName('run.sh')).toBe('run.sh.json');
  });

  it('names what is wrong with a name', () => {
    expect(saveNameProblem('  ')).toBe('empty');
    expect(saveNameProblem('.json')).toBe('empty');
    expect(saveNameProblem('../x')).toBe('slash');
    expect(saveNameProblem('a\\b')).toBe('slash');
    expect(saveNameProblem('.hidden')).toBe('hidden');
    expect(saveNameProblem('x'.repeat(251))).toBe('tooLong');
    expect(saveNameProblem('计算图 1')).toBeNull();
  });

  it('answers the question once and clears it; a new question cancels an open one', async () => {
    const listing = { folder: '/w', files: [] };
    const first = askForSaveName(listing, 'a.json');
    const second = askForSaveName(listing, 'b.json');
    expect(await first).toBeNull();
    expect(saveAsPrompt.getState().request?.suggestedName).toBe('b.json');
    saveAsPrompt.getState().request!.answer({ name: 'c.json', overwrite: false });
    expect(await second).toEqual({ name: 'c.json', overwrite: false });
    expect(saveAsPrompt.getState().request).toBeNull();
  });
});
