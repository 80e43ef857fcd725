import { describe, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { AGREEMENT_CASES, expectFusedAgreement } from './mlp-agreement.test-helpers';
import { syntheticMnist } from './synthetic-mnist.test-helpers';

const data = syntheticMnist();

describe('the JS MLP kernel', () => {
  it.each(AGREEMENT_CASES)('trains %s with %s to the weights of the op-by-op path', (activation, optimizer) => {
    expectFusedAgreement(createJsBackend('float32'), data, activation, optimizer);
  });
});
