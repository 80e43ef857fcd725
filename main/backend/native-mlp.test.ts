import { describe, expect, it } from 'vitest';
import { listOps } from '../../app/ops/registry';
import type { MlpSpec } from '../../app/tensor/mlp-kernel';
import { AGREEMENT_CASES, expectFusedAgreement, lowVsGeneric, weightTolerance } from '../../app/train/mlp-agreement.test-helpers';
import { syntheticMnist } from '../../app/train/synthetic-mnist.test-helpers';
import type { SimdLevel } from './native-addon';
import { createNativeBackend } from './native-backend';
import { createNativeMlpTrainer } from './native-mlp';
import { loadNativeAddon, nativeBackendAvailable } from './native-loader';

const data = syntheticMnist();

describe.runIf(nativeBackendAvailable())('the native MLP kernel', () => {
  it.each(AGREEMENT_CASES)('trains %s with %s to the weights of the op-by-op path', (activation, optimizer) => {
    expectFusedAgreement(createNativeBackend(), data, activation, optimizer);
  });

  // Generated from the registry: every op that declares a fused activation, with each set of params
  // its samples declare (LeakyReLU's slope), at every SIMD level the CPU has. A batch of 32 rows or
  // more may run the first layer on two pool tasks (each over half of the pixels, forward and
  // backward), and a hidden layer of 50 pads W1's rows to 64 (AVX-512 fuses the backward pass into
  // the first layer there, and its first-layer kernels use only a quarter of the last vector: 40
  // and 36 wide take the half and the quarter variants at the edge; a batch of 37 leaves the fused
  // backward pass's last row without a partner).
  const fusedCases = listOps()
    .filter((op) => op.fusedActivation)
    .flatMap((op) => [...new Set([{}, ...op.samples.map((s) => s.params ?? {})].map((p) => JSON.stringify(p)))].map((p) => [op.kind, p] as const));

  it('covers Relu, Sigmoid, Tanh and LeakyRelu (with its slope)', () => {
    expect(fusedCases).toEqual([
      ['Relu', '{}'],
      ['Sigmoid', '{}'],
      ['Tanh', '{}'],
      ['LeakyRelu', '{}'],
      ['LeakyRelu', '{"slope":0.2}'],
    ]);
  });

  it.each(fusedCases)('trains %s %s on the fused kernel to the weights of the op-by-op path at every SIMD level', (kind, params) => {
    const native = loadNativeAddon();
    const backend = createNativeBackend();
    expect(backend.fusedActivations).toContain(listOps().find((op) => op.kind === kind)!.fusedActivation!.activation);
    const original = native.simdLevel();
    try {
      for (const level of ['scalar', 'avx2', 'avx512'] as SimdLevel[]) {
        if (native.setSimdLevel(level) !== level) continue;
        for (const [optimizer, shape] of [
          ['sgd', { batchSize: 40, hiddenSize: 50 }],
          ['momentum', { batchSize: 20, hiddenSize: 16 }],
          ['sgd', { batchSize: 40, hiddenSize: 40 }],
          ['momentum', { batchSize: 40, hiddenSize: 36 }],
          // An odd batch: the backward pass's last row has no partner, the softmax's last block 5 rows.
          ['sgd', { batchSize: 37, hiddenSize: 50 }],
        ] as const) {
          const { worst, lossGap } = lowVsGeneric(backend, data, kind, optimizer, 30, shape, JSON.parse(params));
          expect(worst, `${level} ${optimizer}`).toBeLessThan(weightTolerance(optimizer));
          expect(lossGap, `${level} ${optimizer}`).toBeLessThan(1e-6);
        }
      }
    } finally {
      native.setSimdLevel(original);
    }
  });

  it('lists the images of the splits it will evaluate when it is created, not at the first count (which lies in a run\'s timed loop)', () => {
    const native = loadNativeAddon();
    const listed: unknown[] = [];
    const watched: typeof native = {
      ...native,
      imageSetCreate: (images, labels, pixels) => {
        listed.push(images);
        return native.imageSetCreate(images, labels, pixels);
      },
    };
    const spec: MlpSpec = { sizes: [784, 16, 10], activations: ['relu', 'none'], slopes: [0, 0], weightIds: ['W1', 'W2'], biasIds: ['b1', 'b2'] };
    const params = [784 * 16, 16, 16 * 10, 10].map((n) => Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.01));
    const mlp = createNativeMlpTrainer(watched, {
      spec,
      params,
      optimizer: 'sgd',
      learningRate: 0.1,
      batchSize: 100,
      train: data.train,
      evaluated: [data.test],
    });
    expect(listed).toEqual([data.train.images, data.test.images]);
    mlp.countInBackground!([data.train, data.test]).result(Infinity);
    expect(listed).toHaveLength(2);
  });

  it('reports a NaN loss when the class scores are not finite, at every SIMD level (so a diverging run stops)', () => {
    const native = loadNativeAddon();
    const set = native.imageSetCreate(data.train.images, data.train.labels, 784);
    const indices = Int32Array.from({ length: 40 }, (_, i) => i);
    const original = native.simdLevel();
    try {
      for (const level of ['scalar', 'avx2', 'avx512'] as SimdLevel[]) {
        if (native.setSimdLevel(level) !== level) continue;
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
          const params = new Float32Array(784 * 50 + 50 + 50 * 10 + 10).fill(0.001);
          params[params.length - 3] = bad; // b2 of class 7: every row's score for it
          const mlp = native.mlpCreate(Int32Array.from([784, 50, 10]), Int32Array.from([1, 0]), 'sgd', 0.1, 40, params, new Float32Array(2));
          expect(native.mlpStep(mlp, set, indices, Infinity), `${level} ${bad}`).toBeNaN();
        }
      }
    } finally {
      native.setSimdLevel(original);
    }
  });

  it('lists every lit pixel of an image set exactly once at every SIMD level (several listing tasks)', () => {
    const native = loadNativeAddon();
    const { train } = syntheticMnist(5000, 10);
    let lit = 0;
    let pixelSum = 0;
    let valueSum = 0;
    train.images.forEach((value, i) => {
      if (value === 0) return;
      lit += 1;
      pixelSum += i % 784;
      valueSum += value;
    });
    const original = native.simdLevel();
    try {
      for (const level of ['scalar', 'avx2', 'avx512'] as SimdLevel[]) {
        if (native.setSimdLevel(level) !== level) continue;
        const info = native.imageSetInfo(native.imageSetCreate(train.images, train.labels, 784));
        expect(info, level).toMatchObject({ count: 5000, pixels: 784, entries: lit, pixelSum, valueSum });
        expect(info.splitPixel, level).toBeGreaterThan(0);
        expect(info.splitPixel, level).toBeLessThan(784);
      }
    } finally {
      native.setSimdLevel(original);
    }
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
