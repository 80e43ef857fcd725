import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { lowVsGeneric, weightTolerance } from './mlp-agreement.test-helpers';
import type { OptimizerName } from './protocol';
import { syntheticMnist } from './synthetic-mnist.test-helpers';

const data = syntheticMnist();

describe('the JS MLP kernel', () => {
  const cases: ['Relu' | 'Sigmoid', OptimizerName][] = [
    ['Relu', 'sgd'],
    ['Relu', 'momentum'],
    ['Sigmoid', 'adagrad'],
    ['Sigmoid', 'adam'],
    ['Relu', 'adam'],
  ];
  it.each(cases)('trains %s with %s to the weights of the op-by-op path', (activation, optimizer) => {
    const { worst, lossGap } = lowVsGeneric(createJsBackend('float32'), data, activation, optimizer);
    expect(worst).toBeLessThan(weightTolerance(optimizer));
    expect(lossGap).toBeLessThan(1e-6);
  });
});
