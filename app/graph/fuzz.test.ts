import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAKED_ERROR, fuzzCases, fuzzOne } from './fuzz.test-helpers';

const examplesDir = join(__dirname, '../../assets/examples');
const seeds = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

// A fixed seed: the same few hundred mutated files every run, so a failure reproduces. bench/fuzz.mjs runs thousands.
describe('fuzzed graph files (issue 8)', () => {
  it('300 mutated example files each end in ok or clean sentences, quickly, never a crash or a stack', () => {
    const failures: string[] = [];
    const stages = { parse: 0, compile: 0, run: 0, ok: 0 };
    let slowest = 0;
    let index = 0;
    for (const text of fuzzCases(seeds, 20261130, 300)) {
      const outcome = fuzzOne(text);
      stages[outcome.stage]++;
      slowest = Math.max(slowest, outcome.milliseconds);
      if (outcome.crash) failures.push(`case ${index}: crashed: ${outcome.crash}`);
      for (const message of outcome.messages) {
        if (LEAKED_ERROR.test(message) || message.trim() === '') failures.push(`case ${index}: ${JSON.stringify(message)}`);
      }
      if (outcome.milliseconds > 5_000) failures.push(`case ${index}: took ${outcome.milliseconds.toFixed(0)} ms`);
      index++;
    }
    expect(failures).toEqual([]);
    // The mutations reach every stage, so each is actually fuzzed; a run failing after a clean compile is rare,
    // since validate checks what run will.
    expect(Math.min(stages.parse, stages.compile, stages.ok)).toBeGreaterThan(10);
    expect(stages.run).toBeLessThan(stages.ok);
    expect(process.memoryUsage().rss).toBeLessThan(1024 ** 3);
  }, 120_000);

  it('the leak detector itself flags a JavaScript error text', () => {
    expect(LEAKED_ERROR.test("Multiply node m: Cannot read properties of undefined (reading 'shape')")).toBe(true);
    expect(LEAKED_ERROR.test('Invalid typed array length: 1e18')).toBe(true);
    expect(LEAKED_ERROR.test('Multiply node m: input y is not connected')).toBe(false);
  });
});
