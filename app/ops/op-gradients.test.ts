import { describe, expect, it } from 'vitest';
import { createRandom } from '../tensor/random';
import type { PortValues } from './op';
import { getOp } from './registry';
import { backend, oneHot, opGradientErrors, randomTensor } from './gradient-check.test-helpers';

/** Backward of every op against the centred numerical gradient (h = 1e-4, float64). */
const SMOOTH = 1e-7;

function expectAllBelow(errors: Record<string, number>, ports: readonly string[], bound: number): void {
  expect(Object.keys(errors).sort()).toEqual([...ports].sort());
  for (const port of ports) expect(errors[port], `relative error of d${port}`).toBeLessThan(bound);
}

function randomInputs(seed: number, shapes: Record<string, readonly number[]>, low?: number, high?: number): PortValues {
  const random = createRandom(seed);
  return Object.fromEntries(Object.entries(shapes).map(([port, shape]) => [port, randomTensor(random, shape, low, high)]));
}

const broadcastCases: [string, readonly number[], readonly number[]][] = [
  ['equal matrices', [3, 4], [3, 4]],
  ['scalar × matrix', [], [3, 4]],
  ['matrix × scalar', [2, 5], []],
  ['scalar × scalar', [], []],
  ['row vector [C] with a batch', [4], [3, 4]],
  ['batch with a row vector [C]', [3, 4], [4]],
  ['batch with a row [1, C]', [3, 4], [1, 4]],
  ['equal vectors', [6], [6]],
];

describe.each(['Mul', 'Add'])('%s backward matches the numerical gradient', (kind) => {
  it.each(broadcastCases)('%s', (_name, xShape, yShape) => {
    const op = getOp(kind);
    const inputs = randomInputs(11, { x: xShape, y: yShape });
    const errors = opGradientErrors(op, inputs, 12);
    // maxRelError refuses tensors of different shapes, so this also checks each gradient has its input's shape.
    expectAllBelow(errors, ['x', 'y'], SMOOTH);
  });
});

describe('unary ops backward matches the numerical gradient', () => {
  it.each([
    ['Exp', [3, 4]],
    ['Exp', []],
    ['Sigmoid', [3, 4]],
    ['Sigmoid', [5]],
    ['Softmax', [5]],
    ['Softmax', [3, 5]],
  ] as const)('%s on %j', (kind, shape) => {
    expectAllBelow(opGradientErrors(getOp(kind), randomInputs(21, { x: shape }), 22), ['x'], SMOOTH);
  });

  it('Reciprocal, with |x| in [1, 2] where 1/x is gentle', () => {
    expectAllBelow(opGradientErrors(getOp('Reciprocal'), randomInputs(31, { x: [3, 4] }, 1, 2), 32), ['x'], SMOOTH);
  });

  it('Relu, with inputs kept away from its kink at 0', () => {
    const inputs = randomInputs(41, { x: [4, 5] }, 0.1, 1);
    expect(Array.from(inputs.x.data).some((v) => v < 0)).toBe(true);
    expectAllBelow(opGradientErrors(getOp('Relu'), inputs, 42), ['x'], SMOOTH);
  });
});

describe('matrix ops backward matches the numerical gradient', () => {
  it.each([
    ['MatMul batch', 'MatMul', { x: [3, 4], W: [4, 2] }],
    ['MatMul single vector', 'MatMul', { x: [4], W: [4, 3] }],
    ['Affine batch, b [C]', 'Affine', { x: [3, 4], W: [4, 2], b: [2] }],
    ['Affine batch, b [1, C]', 'Affine', { x: [5, 3], W: [3, 4], b: [1, 4] }],
    ['Affine single vector (the chapter’s X of shape (2,))', 'Affine', { x: [2], W: [2, 3], b: [3] }],
  ] as const)('%s', (_name, kind, shapes) => {
    const op = getOp(kind);
    expectAllBelow(opGradientErrors(op, randomInputs(51, shapes), 52), op.inputs, SMOOTH);
  });
});

describe('losses backward matches the numerical gradient', () => {
  it('CrossEntropy, for y and t', () => {
    const random = createRandom(61);
    // Positive y of order 1: for small y the h² error of the centred difference on log y exceeds 1e-7.
    const y = backend.mul(randomTensor(random, [3, 4]), randomTensor(random, [3, 4]));
    for (let i = 0; i < y.data.length; i++) y.data[i] = Math.abs(y.data[i]);
    const t = oneHot(random, 3, 4);
    expectAllBelow(opGradientErrors(getOp('CrossEntropy'), { y, t }, 62), ['y', 't'], SMOOTH);
  });

  it('SoftmaxWithLoss: dt exactly, dx = (y − t)/N up to the 1e-7 the forward adds inside the log', () => {
    const random = createRandom(71);
    const x = randomTensor(random, [3, 4]);
    const t = oneHot(random, 3, 4);
    const errors = opGradientErrors(getOp('SoftmaxWithLoss'), { x, t }, 72);
    expect(errors.t).toBeLessThan(SMOOTH);
    // The book's (y − t)/N ignores the 1e-7 in log(y + 1e-7), a relative difference of about 1e-7 / y.
    expect(errors.x).toBeLessThan(1e-5);
  });
});
