import { describe, expect, it } from 'vitest';
import { lowVsGeneric, weightTolerance } from '../../app/train/mlp-agreement.test-helpers';
import type { OptimizerName } from '../../app/train/protocol';
import { syntheticMnist } from '../../app/train/synthetic-mnist.test-helpers';
import { createNativeBackend, loadNativeAddon, nativeBackendAvailable, type SimdLevel } from './native-backend';

const data = syntheticMnist();

describe.runIf(nativeBackendAvailable())('the native MLP kernel', () => {
  const cases: ['Relu' | 'Sigmoid', OptimizerName][] = [
    ['Relu', 'sgd'],
    ['Relu', 'momentum'],
    ['Sigmoid', 'adagrad'],
    ['Sigmoid', 'adam'],
    ['Relu', 'adam'],
  ];
  it.each(cases)('trains %s with %s to the weights of the op-by-op path', (activation, optimizer) => {
    const { worst, lossGap } = lowVsGeneric(createNativeBackend(), data, activation, optimizer);
    expect(worst).toBeLessThan(weightTolerance(optimizer));
    expect(lossGap).toBeLessThan(1e-6);
  });

  it('agrees at every SIMD level the CPU has', () => {
    const native = loadNativeAddon();
    const levels: SimdLevel[] = ['scalar', 'avx2', 'avx512'];
    const original = native.simdLevel();
    try {
      for (const level of levels) {
        if (native.setSimdLevel(level) !== level) continue;
        const { worst } = lowVsGeneric(createNativeBackend(), data, 'Relu', 'momentum');
        expect(worst, level).toBeLessThan(1e-5);
      }
    } finally {
      native.setSimdLevel(original);
    }
  });
});
