import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compile, type Plan } from '../graph/compile';
import type { GraphDocument } from '../graph/document';
import { createExecutor, type Executor } from '../graph/executor';
import { parseGraphDocument } from '../graph/parse';
import type { DataProvider } from '../ops/op';
import { createJsBackend } from '../tensor/js-backend';
import { syntheticMnist } from '../train/synthetic-mnist.test-helpers';

// What the explanation tests run on: the chapter's examples, a float64 JS backend, and a small
// synthetic MNIST for the graphs that draw batches.

export const backend = createJsBackend('float64');
const examplesDir = join(__dirname, '../../assets/examples');
const mnist = syntheticMnist(10, 2);
const data: DataProvider = {
  mnistBatch: (request) => backend.gatherBatch(mnist.train.images, mnist.train.labels, 784, 10, Int32Array.from(request.indices ?? [0, 1, 2])),
};

export const exampleFiles = (): string[] => readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

export function readExample(file: string): GraphDocument {
  const parsed = parseGraphDocument(readFileSync(join(examplesDir, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.document;
}

/** Compiles (without problems) and runs both passes. */
export function runBothPasses(document: GraphDocument): { plan: Plan; executor: Executor } {
  const plan = compile(document);
  expect(plan.errors).toEqual([]);
  const executor = createExecutor(plan, { backend, data });
  expect(executor.runForward()).toMatchObject({ ok: true });
  expect(executor.runBackward()).toMatchObject({ ok: true });
  return { plan, executor };
}
