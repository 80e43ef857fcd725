import { describe, expect, it } from 'vitest';
import type { NativeAddon } from './native-addon';
import { loadNativeAddon } from './native-loader';

/**
 * Feeds every raw export of the addon bad arguments and checks each throws a TypeError or
 * RangeError whose message names the argument (and that the process is still here to check).
 */
const native = loadNativeAddon();

const KINDS = ['f32', 'u8', 'i32', 'dim', 'index', 'number', 'flag', 'handle', 'string', 'bound', 'optionalI32'] as const;
type Kind = (typeof KINDS)[number];
interface Param {
  name: string;
  kind: Kind;
}
type Export = keyof NativeAddon;
type ErrorClass = typeof TypeError | typeof RangeError;
interface ExportSpec {
  name: Export;
  params: Param[];
  /** A fresh valid argument list. */
  valid: () => unknown[];
}
/** A call of the right types that does not fit together: [export, what, args, the argument the message names, its class]. */
type InconsistentCall = [Export, string, unknown[], string, ErrorClass?];

/** An export by its signature, `name:kind` per parameter in order (`a:f32 cols:dim`), and a valid call. */
function signature(name: Export, params: string, valid: () => unknown[]): ExportSpec {
  const parsed = params.split(' ').map((param) => {
    const [paramName, kind] = param.split(':');
    if (!KINDS.includes(kind as Kind)) throw new Error(`${name}: unknown kind in '${param}'`);
    return { name: paramName, kind: kind as Kind };
  });
  return { name, params: parsed, valid };
}

const f = (n: number, value = 0.5) => new Float32Array(n).fill(value);
const i32 = (...values: number[]) => Int32Array.from(values);

const images = () => Uint8Array.from({ length: 3 * 4 }, (_, i) => (i * 37) % 256);
const labels = () => Uint8Array.from([0, 2, 1]);

/** A 4-2-3 MLP trainer's creation arguments (19 weights), with some replaced. */
function mlpCreateArgs(replace: Partial<Record<'sizes' | 'activations' | 'optimizer' | 'learningRate' | 'batchSize' | 'params' | 'slopes', unknown>> = {}): unknown[] {
  const args = { sizes: i32(4, 2, 3), activations: i32(4, 0), optimizer: 'adam', learningRate: 0.1, batchSize: 4, params: f(19, 0.1), slopes: Float32Array.from([0.1, 0]), ...replace };
  return [args.sizes, args.activations, args.optimizer, args.learningRate, args.batchSize, args.params, args.slopes];
}
const mlp = () => (native.mlpCreate as (...a: unknown[]) => ReturnType<NativeAddon['mlpCreate']>)(...mlpCreateArgs());
/** An image set of three 4-pixel images (by default) for the MLP trainer. */
const imageSet = (imageData = images(), labelData = labels(), pixels = 4) => native.imageSetCreate(imageData, labelData, pixels);
/** A trainer with a count under way. */
function countingMlp() {
  const trainer = mlp();
  native.mlpCountStart(trainer, imageSet());
  return trainer;
}
/** Three 5-pixel images: wider than the trainer's input. */
const wideImageSet = () => imageSet(Uint8Array.from({ length: 15 }, (_, i) => i % 3), labels(), 5);
/** A label 3 where the trainer has classes 0..2. */
const badLabelSet = () => imageSet(images(), Uint8Array.from([0, 3, 1]));

const GEMM = 'a:f32 b:f32 out:f32 m:dim n:dim k:dim transA:flag transB:flag';
const ELEMENTWISE_BINARY = ['add', 'mul'] as const;
const ELEMENTWISE_UNARY = ['exp', 'reciprocal', 'relu', 'sigmoid'] as const;
const ACTIVATION_BACKWARD = [['reluBackward', 'x'], ['sigmoidBackward', 'y']] as const;

const specs: ExportSpec[] = [
  signature('matmul', GEMM, () => [f(6), f(12), f(8), 2, 4, 3, false, false]),
  signature('matmulPath', GEMM, () => [f(6), f(12), f(8), 2, 4, 3, true, false]),
  ...ELEMENTWISE_BINARY.map((name) => signature(name, 'a:f32 b:f32 out:f32 cols:dim', () => [f(6), f(3), f(6), 3])),
  signature('sumRows', 'g:f32 out:f32 rows:dim cols:dim', () => [f(6), f(3), 2, 3]),
  signature('sumAll', 'g:f32', () => [f(4)]),
  signature('scale', 'a:f32 s:number out:f32', () => [f(4), 2, f(4)]),
  ...ELEMENTWISE_UNARY.map((name) => signature(name, 'x:f32 out:f32', () => [f(5), f(5)])),
  ...ACTIVATION_BACKWARD.map(([name, forward]) => signature(name, `dout:f32 ${forward}:f32 out:f32`, () => [f(5), f(5), f(5)])),
  signature('softmax', 'x:f32 out:f32 cols:dim', () => [f(6), f(6), 3]),
  signature('crossEntropy', 'y:f32 t:f32 cols:dim', () => [f(6), f(6), 3]),
  signature('softmaxCrossEntropyBackward', 'y:f32 t:f32 dout:number out:f32 cols:dim', () => [f(6), f(6), 1, f(6), 3]),
  signature('sgdUpdate', 'param:f32 grad:f32 lr:number', () => [f(4), f(4), 0.1]),
  signature('momentumUpdate', 'param:f32 grad:f32 velocity:f32 lr:number momentum:number', () => [f(4), f(4), f(4), 0.1, 0.9]),
  signature('adagradUpdate', 'param:f32 grad:f32 h:f32 lr:number', () => [f(4), f(4), f(4), 0.1]),
  signature('adamUpdate', 'param:f32 grad:f32 m:f32 v:f32 lr:number beta1:number beta2:number step:dim', () => [f(4), f(4), f(4), f(4), 0.001, 0.9, 0.999, 1]),
  signature('gatherBatch', 'images:u8 labels:u8 pixels:dim classes:dim indices:i32 x:f32 t:f32', () => [images(), labels(), 4, 3, i32(2, 0), f(8), f(6)]),
  signature('mlpCreate', 'sizes:i32 activations:i32 optimizer:string learningRate:number batchSize:dim params:f32 slopes:f32', () => mlpCreateArgs()),
  signature('imageSetCreate', 'images:u8 labels:u8 pixels:dim', () => [images(), labels(), 4]),
  signature('imageSetInfo', 'set:handle', () => [imageSet()]),
  signature('mlpStep', 'trainer:handle images:handle indices:i32 maxLoss:bound next:optionalI32', () => [mlp(), imageSet(), i32(2, 0), Infinity, i32(1, 1)]),
  signature('mlpEvaluate', 'trainer:handle images:handle start:index count:dim confusion:optionalI32', () => [mlp(), imageSet(), 1, 2, new Int32Array(9)]),
  signature('mlpWeights', 'trainer:handle out:f32 previous:flag', () => [mlp(), f(19), true]),
  signature('mlpCountMethod', 'trainer:handle images:handle', () => [mlp(), imageSet()]),
  signature('mlpCountStart', 'trainer:handle images:handle', () => [mlp(), imageSet()]),
  signature('mlpCountResult', 'trainer:handle waitMilliseconds:bound', () => [countingMlp(), Infinity]),
  signature('mlpCountStop', 'trainer:handle', () => [countingMlp()]),
  signature('countCorrect', 'scores:f32 labels:u8 cols:dim', () => [f(6), Uint8Array.from([0, 1]), 3]),
];

/** A RangeError unless the row names another class. */
const inconsistentCalls: InconsistentCall[] = [
  ['matmul', 'a too short', [f(5), f(12), f(8), 2, 4, 3], 'a'],
  ['matmul', 'b too long', [f(6), f(13), f(8), 2, 4, 3], 'b'],
  ['matmul', 'out the wrong size', [f(6), f(12), f(9), 2, 4, 3], 'out'],
  ['matmul', 'k inconsistent with a and b', [f(6), f(12), f(8), 2, 4, 4], 'a'],
  ['matmul', 'huge dimensions', [f(6), f(12), f(8), 2147483647, 2147483647, 2147483647], 'a'],
  ['matmul', 'out aliasing a', (() => { const buffer = new Float32Array(8); return [buffer.subarray(0, 6), f(12), buffer, 2, 4, 3]; })(), 'out'],
  ['matmul', 'out aliasing b', (() => { const buffer = new Float32Array(16); return [f(6), buffer.subarray(4, 16), buffer.subarray(0, 8), 2, 4, 3]; })(), 'out'],
  ['matmulPath', 'a too short', [f(5), f(12), f(8), 2, 4, 3], 'a'],
  ...ELEMENTWISE_BINARY.flatMap((name): InconsistentCall[] => [
    [name, 'cols not dividing a', [f(6), f(3), f(6), 4], 'cols'],
    [name, 'b neither full, row nor scalar', [f(6), f(2), f(6), 3], 'b'],
    [name, 'out the wrong size', [f(6), f(1), f(5), 3], 'out'],
  ]),
  ['sumRows', 'g not rows×cols', [f(7), f(3), 2, 3], 'g'],
  ['sumRows', 'out not cols', [f(6), f(2), 2, 3], 'out'],
  ['sumRows', 'out inside g', (() => { const g = f(6); return [g, g.subarray(0, 3), 2, 3]; })(), 'out'],
  ['scale', 'out the wrong size', [f(4), 2, f(3)], 'out'],
  ...ELEMENTWISE_UNARY.map((name): InconsistentCall => [name, 'out the wrong size', [f(5), f(6)], 'out']),
  ...ACTIVATION_BACKWARD.flatMap(([name, forward]): InconsistentCall[] => [
    [name, `${forward} shorter than dout`, [f(5), f(4), f(5)], forward],
    [name, 'out the wrong size', [f(5), f(5), f(4)], 'out'],
  ]),
  ['softmax', 'cols not dividing x', [f(6), f(6), 4], 'cols'],
  ['softmax', 'out the wrong size', [f(6), f(3), 3], 'out'],
  ['crossEntropy', 't a different size', [f(6), f(3), 3], 't'],
  ['crossEntropy', 'cols not dividing y', [f(6), f(6), 5], 'cols'],
  ['softmaxCrossEntropyBackward', 't a different size', [f(6), f(9), 1, f(6), 3], 't'],
  ['softmaxCrossEntropyBackward', 'out a different size', [f(6), f(6), 1, f(3), 3], 'out'],
  ['sgdUpdate', 'grad a different size', [f(4), f(3), 0.1], 'grad'],
  ['momentumUpdate', 'velocity a different size', [f(4), f(4), f(5), 0.1, 0.9], 'velocity'],
  ['momentumUpdate', 'momentum of 1', [f(4), f(4), f(4), 0.1, 1], 'momentum'],
  ['adagradUpdate', 'h a different size', [f(4), f(4), f(1), 0.1], 'h'],
  ['adamUpdate', 'm a different size', [f(4), f(4), f(3), f(4), 0.001, 0.9, 0.999, 1], 'm'],
  ['adamUpdate', 'v a different size', [f(4), f(4), f(4), f(2), 0.001, 0.9, 0.999, 1], 'v'],
  ['adamUpdate', 'beta1 of 1', [f(4), f(4), f(4), f(4), 0.001, 1, 0.999, 1], 'beta1'],
  ['adamUpdate', 'negative beta2', [f(4), f(4), f(4), f(4), 0.001, 0.9, -0.5, 1], 'beta2'],
  ['gatherBatch', 'images not labels×pixels', [images().subarray(1), labels(), 4, 3, i32(2, 0), f(8), f(6)], 'images'],
  ['gatherBatch', 'an index past the end', [images(), labels(), 4, 3, i32(2, 3), f(8), f(6)], 'indices[1]'],
  ['gatherBatch', 'a negative index', [images(), labels(), 4, 3, i32(-1, 0), f(8), f(6)], 'indices[0]'],
  ['gatherBatch', 'a label not below classes', [images(), labels(), 4, 2, i32(1), f(4), f(2)], 'labels[1]'],
  ['gatherBatch', 'x the wrong size', [images(), labels(), 4, 3, i32(2, 0), f(4), f(6)], 'x'],
  ['gatherBatch', 't the wrong size', [images(), labels(), 4, 3, i32(2, 0), f(8), f(3)], 't'],
  ['gatherBatch', 't aliasing x', (() => { const buffer = f(14); return [images(), labels(), 4, 3, i32(2, 0), buffer.subarray(0, 8), buffer.subarray(6, 12)]; })(), 'x'],
  ['mlpCreate', 'one width only', mlpCreateArgs({ sizes: i32(4) }), 'sizes'],
  ['mlpCreate', 'a zero width', mlpCreateArgs({ sizes: i32(4, 0, 3) }), 'sizes[1]'],
  ['mlpCreate', 'a negative width', mlpCreateArgs({ sizes: i32(4, -2, 3) }), 'sizes[1]'],
  ['mlpCreate', 'a huge width', mlpCreateArgs({ sizes: i32(4, 2 ** 30, 3) }), 'sizes[1]'],
  ['mlpCreate', 'one class', mlpCreateArgs({ sizes: i32(4, 2, 1) }), 'sizes'],
  ['mlpCreate', 'too few activations', mlpCreateArgs({ activations: i32(1) }), 'activations'],
  ['mlpCreate', 'an unknown activation', mlpCreateArgs({ activations: i32(1, 5) }), 'activations[1]'],
  ['mlpCreate', 'a negative activation', mlpCreateArgs({ activations: i32(-1, 0) }), 'activations[0]'],
  ['mlpCreate', 'too few slopes', mlpCreateArgs({ slopes: f(1) }), 'slopes'],
  ['mlpCreate', 'too many slopes', mlpCreateArgs({ slopes: f(3) }), 'slopes'],
  ['mlpCreate', 'a NaN slope', mlpCreateArgs({ slopes: Float32Array.from([Number.NaN, 0]) }), 'slopes[0]'],
  ['mlpCreate', 'an infinite slope', mlpCreateArgs({ slopes: Float32Array.from([0.1, Infinity]) }), 'slopes[1]'],
  ['mlpCreate', 'an unknown optimizer', mlpCreateArgs({ optimizer: 'rmsprop' }), 'optimizer'],
  ['mlpCreate', 'a negative learning rate', mlpCreateArgs({ learningRate: -0.1 }), 'learningRate'],
  ['mlpCreate', 'a zero learning rate', mlpCreateArgs({ learningRate: 0 }), 'learningRate'],
  ['mlpCreate', 'params too short', mlpCreateArgs({ params: f(18) }), 'params'],
  ['mlpCreate', 'params too long', mlpCreateArgs({ params: f(20) }), 'params'],
  ['mlpCreate', 'a batch size above 2^24', mlpCreateArgs({ batchSize: 2 ** 24 + 1 }), 'batchSize'],
  ['imageSetCreate', 'images not labels×pixels', [images().subarray(1), labels(), 4], 'images'],
  ['imageSetCreate', 'pixels not dividing images', [images(), labels(), 5], 'images'],
  ['imageSetCreate', 'pixels above 65536', [new Uint8Array(65537), Uint8Array.from([0]), 65537], 'pixels'],
  ['imageSetInfo', 'a trainer in place of the set', [mlp()], 'set', TypeError],
  ['mlpStep', 'images of another width', [mlp(), wideImageSet(), i32(0), 10], 'images'],
  ['mlpStep', 'an index past the end', [mlp(), imageSet(), i32(2, 3), 10], 'indices[1]'],
  ['mlpStep', 'a negative index', [mlp(), imageSet(), i32(-1, 0), 10], 'indices[0]'],
  ['mlpStep', 'more rows than the batch size', [mlp(), imageSet(), i32(0, 1, 2, 0, 1), 10], 'indices'],
  ['mlpStep', 'a label not below the classes', [mlp(), badLabelSet(), i32(1), 10], 'labels[1]'],
  ['mlpStep', 'a next image past the end', [mlp(), imageSet(), i32(0), 10, i32(1, 3)], 'next[1]'],
  ['mlpStep', 'a negative next image', [mlp(), imageSet(), i32(0), 10, i32(-1)], 'next[0]'],
  ['mlpStep', 'more next rows than the batch size', [mlp(), imageSet(), i32(0), 10, i32(0, 1, 2, 0, 1)], 'next'],
  ['mlpStep', 'a trainer that is a plain object', [{}, imageSet(), i32(0), 10], 'trainer', TypeError],
  ['mlpStep', 'a trainer in place of the images', [mlp(), mlp(), i32(0), 10], 'images', TypeError],
  ['mlpEvaluate', 'images of another width', [mlp(), wideImageSet(), 0, 1], 'images'],
  ['mlpEvaluate', 'a label not below the classes', [mlp(), badLabelSet(), 0, 1], 'labels[1]'],
  ['mlpEvaluate', 'confusion not classes×classes', [mlp(), imageSet(), 0, 3, new Int32Array(8)], 'confusion'],
  ['mlpEvaluate', 'start past the last image', [mlp(), imageSet(), 3, 1], 'start'],
  ['mlpEvaluate', 'count past the last image', [mlp(), imageSet(), 1, 3], 'count'],
  ['mlpEvaluate', 'count past the last image from 0', [mlp(), imageSet(), 0, 4], 'count'],
  ['mlpWeights', 'out the wrong size', [mlp(), f(18)], 'out'],
  ['mlpCountStart', 'images of another width', [mlp(), wideImageSet()], 'images'],
  ['mlpCountStart', 'a second set of another width', [mlp(), imageSet(), wideImageSet()], 'images'],
  ['mlpCountStart', 'a label not below the classes', [mlp(), badLabelSet()], 'labels[1]'],
  ['mlpCountResult', 'a negative wait', [countingMlp(), -1], 'waitMilliseconds'],
  ['countCorrect', 'labels not one per row', [f(6), Uint8Array.from([0, 1, 2]), 3], 'labels'],
  ['countCorrect', 'cols not dividing scores', [f(6), Uint8Array.from([0, 1]), 4], 'cols'],
];

/** What is neither a count nor a position in an array. */
const notAnIndex: [string, unknown, ErrorClass][] = [
  ['missing', undefined, TypeError],
  ['a numeric string', '1', TypeError],
  ['a bigint', 1n, TypeError],
  ['negative', -1, RangeError],
  ['fractional', 2.5, RangeError],
  ['NaN', NaN, RangeError],
  ['Infinity', Infinity, RangeError],
  ['above 2^31 − 1', 2 ** 31, RangeError],
];

/** Values of the wrong kind for each parameter kind, with the error class each must raise. */
function badValues(kind: Kind): [string, unknown, ErrorClass][] {
  const wrongTypes: [string, unknown, typeof TypeError][] = [
    ['a number', 3],
    ['a string', 'abc'],
    ['null', null],
    ['an object', {}],
  ].map(([what, value]) => [what as string, value, TypeError]);
  switch (kind) {
    case 'f32':
      return [...wrongTypes, ['missing', undefined, TypeError], ['a Float64Array', new Float64Array(6)], ['an Array', [1, 2, 3]], ['an Int32Array', new Int32Array(6)], ['an empty Float32Array', new Float32Array(0), RangeError]].map(
        ([what, value, error]) => [what as string, value, (error ?? TypeError) as typeof TypeError],
      );
    case 'u8':
      return [...wrongTypes, ['missing', undefined, TypeError], ['a Float32Array', new Float32Array(4), TypeError], ['a Uint8ClampedArray', new Uint8ClampedArray(4), TypeError], ['an empty Uint8Array', new Uint8Array(0), RangeError]];
    case 'i32':
      return [...wrongTypes, ['missing', undefined, TypeError], ['a Uint32Array', new Uint32Array(2), TypeError], ['an empty Int32Array', new Int32Array(0), RangeError]];
    case 'index':
      return notAnIndex;
    case 'dim':
      // A dimension is a count: an index that is also above zero.
      return [...notAnIndex, ['zero', 0, RangeError]];
    case 'number':
      return [['missing', undefined, TypeError], ['a numeric string', '0.1', TypeError], ['NaN', NaN, RangeError], ['Infinity', Infinity, RangeError], ['-Infinity', -Infinity, RangeError]];
    case 'flag':
      return [['a string', 'yes', TypeError], ['a number', 1, TypeError], ['null', null, TypeError]];
    case 'handle':
      return [...wrongTypes, ['missing', undefined, TypeError], ['a Float32Array', new Float32Array(4), TypeError], ['a function', () => 0, TypeError]];
    case 'string':
      return [['missing', undefined, TypeError], ['a number', 3, TypeError], ['null', null, TypeError], ['an object', {}, TypeError]];
    case 'bound':
      // ±Infinity are bounds too (no bound on the first step); NaN is not.
      return [['missing', undefined, TypeError], ['a numeric string', '0.1', TypeError], ['NaN', NaN, RangeError]];
    case 'optionalI32':
      return [...wrongTypes, ['a Uint32Array', new Uint32Array(9), TypeError], ['an empty Int32Array', new Int32Array(0), RangeError]];
  }
}

function call(name: keyof NativeAddon, args: unknown[]): unknown {
  return (native[name] as (...a: unknown[]) => unknown)(...args);
}

function expectNamedError(run: () => unknown, errorClass: ErrorClass, exportName: string, argument: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${exportName} should throw`).toBeInstanceOf(errorClass);
  const message = (thrown as Error).message;
  expect(message.startsWith(`${exportName}: `), message).toBe(true);
  expect(message, `the message should name ${argument}`).toContain(argument);
  // The argument's name appears as a word (e.g. "t" as in "t must ...", not inside "must").
  const escaped = argument.replace(/[[\]]/g, '\\$&');
  expect(new RegExp(`(^|[\\s(])${escaped}([\\s)]|$)`).test(message.slice(exportName.length + 2)), message).toBe(true);
}

describe('every native export checks its arguments', () => {
  it('covers every function the addon exports', () => {
    const covered = new Set<string>([...specs.map((s) => s.name), 'version', 'simdLevel', 'supportedSimdLevel', 'setSimdLevel', 'threadCount', 'tuneAllocator']);
    expect(Object.keys(native).filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const spec of specs) {
    describe(spec.name, () => {
      it('accepts its valid arguments', () => {
        expect(() => call(spec.name, spec.valid())).not.toThrow();
      });

      it('rejects a value of the wrong kind in every position, naming the argument', () => {
        spec.params.forEach((param, index) => {
          for (const [, value, errorClass] of badValues(param.kind)) {
            const args = spec.valid();
            args[index] = value;
            expectNamedError(() => call(spec.name, args), errorClass, spec.name, param.name);
          }
        });
      });

      it('rejects missing trailing arguments', () => {
        const required = spec.params.filter((param) => param.kind !== 'flag' && param.kind !== 'optionalI32');
        for (let count = 0; count < required.length; count++) {
          expectNamedError(() => call(spec.name, spec.valid().slice(0, count)), TypeError, spec.name, required[count].name);
        }
      });

      for (const [, what, args, argument, errorClass = RangeError] of inconsistentCalls.filter(([name]) => name === spec.name)) {
        it(`rejects ${what}`, () => expectNamedError(() => call(spec.name, args), errorClass, spec.name, argument));
      }
    });
  }

  it('setSimdLevel rejects unknown levels and non-strings', () => {
    expectNamedError(() => native.setSimdLevel('sse9' as 'scalar'), RangeError, 'setSimdLevel', 'level');
    expectNamedError(() => native.setSimdLevel(2 as unknown as 'scalar'), TypeError, 'setSimdLevel', 'level');
  });

  it('survives a storm of random argument lists', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pool: (() => unknown)[] = [
      () => undefined, () => null, () => 0, () => -1, () => 1, () => 3, () => 2 ** 31, () => NaN, () => 'x', () => true,
      () => new Float32Array(0), () => new Float32Array(1), () => new Float32Array(3), () => new Float32Array(6), () => new Float32Array(12),
      () => new Float64Array(3), () => new Uint8Array(3), () => Uint8Array.from([9, 200, 1]), () => Int32Array.from([0, 2]), () => Int32Array.from([-5, 99]),
      () => new Float32Array(new SharedArrayBuffer(24)),
    ];
    let clean = 0;
    for (let round = 0; round < 3000; round++) {
      const spec = specs[Math.floor(random() * specs.length)];
      const args = Array.from({ length: spec.params.length }, () => pool[Math.floor(random() * pool.length)]());
      try {
        call(spec.name, args);
        clean++;
      } catch (error) {
        expect(error instanceof TypeError || error instanceof RangeError, String(error)).toBe(true);
      }
    }
    expect(clean).toBeLessThan(3000);
  });
});
