import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { syntheticMnist } from '../train/synthetic-mnist.test-helpers';
import { readingOf, runGradcheckJob } from './gradcheck-report';
import { readExample } from './explain.test-helpers';

describe('the in-app gradient check', () => {
  it('reads the chapter’s way: a mean difference of 1e-10 … 1e-7 is right; a relative error near 1 (or NaN) is wrong', () => {
    expect(readingOf(3e-11, 1e-9)).toBe('right');
    expect(readingOf(1.41e-7, 1.01e-6)).toBe('right');
    expect(readingOf(5e-6, 1e-5)).toBe('near');
    expect(readingOf(1e-9, 0.3)).toBe('wrong');
    expect(readingOf(1e-3, 1e-3)).toBe('wrong');
    expect(readingOf(1e-9, Number.NaN)).toBe('wrong');
  });

  it('checks every source of the apple-and-orange example: rows per node, backprop beside numerical', () => {
    const report = runGradcheckJob({ document: readExample('02-apple-orange.json') });
    if (!report.ok) throw new Error(report.message);
    expect(report.rows.map((r) => [r.nodeId, r.reading])).toEqual([
      ['apple', 'right'],
      ['apple_count', 'right'],
      ['orange', 'right'],
      ['orange_count', 'right'],
      ['tax', 'right'],
    ]);
    const tax = report.rows.find((r) => r.nodeId === 'tax')!;
    expect(tax.backprop[0]).toBeCloseTo(650, 9);
    expect(tax.numerical[0]).toBeCloseTo(650, 6);
    // What goes to and from a Web Worker must survive a structured clone (JSON here).
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('checks the two-layer net from fetched MNIST batches, sampling 200 elements of each weight', () => {
    const mnist = syntheticMnist(10, 2);
    const backend = createJsBackend('float64');
    const document = readExample('09-two-layer-net.json');
    const params = document.nodes.find((n) => n.kind === 'MnistBatch')!.params;
    const request = { split: 'train' as const, batchSize: 3, seed: 0, indices: params.indices as number[] };
    const { x, t } = backend.gatherBatch(mnist.train.images, mnist.train.labels, 784, 10, Int32Array.from(request.indices));
    const report = runGradcheckJob({ document, batches: [{ request, x, t }] });
    if (!report.ok) throw new Error(report.message);
    expect(report.rows.map((r) => [r.nodeId, r.checked, r.total])).toEqual([
      ['W1', 200, 39200],
      ['b1', 50, 50],
      ['W2', 200, 500],
      ['b2', 10, 10],
    ]);
    for (const row of report.rows) expect([row.nodeId, row.reading]).toEqual([row.nodeId, 'right']);
    expect(runGradcheckJob({ document })).toMatchObject({ ok: false, code: 'node_failed', message: expect.stringContaining('MNIST batch was not fetched') });
  });
});
