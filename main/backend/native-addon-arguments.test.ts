import { describe, expect, it } from 'vitest';
import type { NativeAddon } from './native-addon';
import { loadNativeAddon } from './native-loader';

/**
 * Feeds every raw export of the addon bad arguments and checks each throws a TypeError or
 * RangeError whose message names the argument (and that the process is still here to check).
 */
const native = loadNativeAddon();

type Kind = 'f32' | 'u8' | 'i32' | 'dim' | 'index' | 'number' | 'flag' | 'handle' | 'string' | 'bound' | 'optionalI32';
interface Param {
  name: string;
  kind: Kind;
}
interface ExportSpec {
  name: keyof NativeAddon;
  params: Param[];
  /** A fresh valid argument list. */
  valid: () => unknown[];
  /** Argument lists that are the right types but inconsistent: [what, args, error class, the named argument]. */
  rangeCases: [string, unknown[], typeof TypeError | typeof RangeError, string][];
}

const f = (n: number, value = 0.5) => new Float32Array(n).fill(value);
const p = (name: string, kind: Kind): Param => ({ name, kind });

const images = () => Uint8Array.from({ length: 3 * 4 }, (_, i) => (i * 37) % 256);
const labels = () => Uint8Array.from([0, 2, 1]);

/** A 4-2-3 MLP trainer's creation arguments (19 weights), with some replaced. */
function mlpCreateArgs(replace: Partial<Record<'sizes' | 'activations' | 'optimizer' | 'learningRate' | 'batchSize' | 'params' | 'slopes', unknown>> = {}): unknown[] {
  const args = { sizes: Int32Array.from([4, 2, 3]), activations: Int32Array.from([4, 0]), optimizer: 'adam', learningRate: 0.1, batchSize: 4, params: f(19, 0.1), slopes: Float32Array.from([0.1, 0]), ...replace };
  return [args.sizes, args.activations, args.optimizer, args.learningRate, args.batchSize, args.params, args.slopes];
}
const mlp = () => (native.mlpCreate as (...a: unknown[]) => ReturnType<NativeAddon['mlpCreate']>)(...mlpCreateArgs());
/** An image set of three 4-pixel images (by default) for the MLP trainer. */
const imageSet = (imageData = images(), labelData = labels(), pixels = 4) => native.imageSetCreate(imageData, labelData, pixels);

const specs: ExportSpec[] = [
  {
    name: 'matmul',
    params: [p('a', 'f32'), p('b', 'f32'), p('out', 'f32'), p('m', 'dim'), p('n', 'dim'), p('k', 'dim'), p('transA', 'flag'), p('transB', 'flag')],
    valid: () => [f(6), f(12), f(8), 2, 4, 3, false, false],
    rangeCases: [
      ['a too short', [f(5), f(12), f(8), 2, 4, 3], RangeError, 'a'],
      ['b too long', [f(6), f(13), f(8), 2, 4, 3], RangeError, 'b'],
      ['out the wrong size', [f(6), f(12), f(9), 2, 4, 3], RangeError, 'out'],
      ['k inconsistent with a and b', [f(6), f(12), f(8), 2, 4, 4], RangeError, 'a'],
      ['huge dimensions', [f(6), f(12), f(8), 2147483647, 2147483647, 2147483647], RangeError, 'a'],
      ['out aliasing a', (() => { const buffer = new Float32Array(8); return [buffer.subarray(0, 6), f(12), buffer, 2, 4, 3]; })(), RangeError, 'out'],
      ['out aliasing b', (() => { const buffer = new Float32Array(16); return [f(6), buffer.subarray(4, 16), buffer.subarray(0, 8), 2, 4, 3]; })(), RangeError, 'out'],
    ],
  },
  {
    name: 'matmulPath',
    params: [p('a', 'f32'), p('b', 'f32'), p('out', 'f32'), p('m', 'dim'), p('n', 'dim'), p('k', 'dim'), p('transA', 'flag'), p('transB', 'flag')],
    valid: () => [f(6), f(12), f(8), 2, 4, 3, true, false],
    rangeCases: [['a too short', [f(5), f(12), f(8), 2, 4, 3], RangeError, 'a']],
  },
  ...(['add', 'mul'] as const).map((name): ExportSpec => ({
    name,
    params: [p('a', 'f32'), p('b', 'f32'), p('out', 'f32'), p('cols', 'dim')],
    valid: () => [f(6), f(3), f(6), 3],
    rangeCases: [
      ['cols not dividing a', [f(6), f(3), f(6), 4], RangeError, 'cols'],
      ['b neither full, row nor scalar', [f(6), f(2), f(6), 3], RangeError, 'b'],
      ['out the wrong size', [f(6), f(1), f(5), 3], RangeError, 'out'],
    ],
  })),
  {
    name: 'sumRows',
    params: [p('g', 'f32'), p('out', 'f32'), p('rows', 'dim'), p('cols', 'dim')],
    valid: () => [f(6), f(3), 2, 3],
    rangeCases: [
      ['g not rows×cols', [f(7), f(3), 2, 3], RangeError, 'g'],
      ['out not cols', [f(6), f(2), 2, 3], RangeError, 'out'],
      ['out inside g', (() => { const g = f(6); return [g, g.subarray(0, 3), 2, 3]; })(), RangeError, 'out'],
    ],
  },
  { name: 'sumAll', params: [p('g', 'f32')], valid: () => [f(4)], rangeCases: [] },
  {
    name: 'scale',
    params: [p('a', 'f32'), p('s', 'number'), p('out', 'f32')],
    valid: () => [f(4), 2, f(4)],
    rangeCases: [['out the wrong size', [f(4), 2, f(3)], RangeError, 'out']],
  },
  ...(['exp', 'reciprocal', 'relu', 'sigmoid'] as const).map((name): ExportSpec => ({
    name,
    params: [p('x', 'f32'), p('out', 'f32')],
    valid: () => [f(5), f(5)],
    rangeCases: [['out the wrong size', [f(5), f(6)], RangeError, 'out']],
  })),
  ...([['reluBackward', 'x'], ['sigmoidBackward', 'y']] as const).map(([name, forward]): ExportSpec => ({
    name,
    params: [p('dout', 'f32'), p(forward, 'f32'), p('out', 'f32')],
    valid: () => [f(5), f(5), f(5)],
    rangeCases: [
      [`${forward} shorter than dout`, [f(5), f(4), f(5)], RangeError, forward],
      ['out the wrong size', [f(5), f(5), f(4)], RangeError, 'out'],
    ],
  })),
  {
    name: 'softmax',
    params: [p('x', 'f32'), p('out', 'f32'), p('cols', 'dim')],
    valid: () => [f(6), f(6), 3],
    rangeCases: [
      ['cols not dividing x', [f(6), f(6), 4], RangeError, 'cols'],
      ['out the wrong size', [f(6), f(3), 3], RangeError, 'out'],
    ],
  },
  {
    name: 'crossEntropy',
    params: [p('y', 'f32'), p('t', 'f32'), p('cols', 'dim')],
    valid: () => [f(6), f(6), 3],
    rangeCases: [
      ['t a different size', [f(6), f(3), 3], RangeError, 't'],
      ['cols not dividing y', [f(6), f(6), 5], RangeError, 'cols'],
    ],
  },
  {
    name: 'softmaxCrossEntropyBackward',
    params: [p('y', 'f32'), p('t', 'f32'), p('dout', 'number'), p('out', 'f32'), p('cols', 'dim')],
    valid: () => [f(6), f(6), 1, f(6), 3],
    rangeCases: [
      ['t a different size', [f(6), f(9), 1, f(6), 3], RangeError, 't'],
      ['out a different size', [f(6), f(6), 1, f(3), 3], RangeError, 'out'],
    ],
  },
  {
    name: 'sgdUpdate',
    params: [p('param', 'f32'), p('grad', 'f32'), p('lr', 'number')],
    valid: () => [f(4), f(4), 0.1],
    rangeCases: [['grad a different size', [f(4), f(3), 0.1], RangeError, 'grad']],
  },
  {
    name: 'momentumUpdate',
    params: [p('param', 'f32'), p('grad', 'f32'), p('velocity', 'f32'), p('lr', 'number'), p('momentum', 'number')],
    valid: () => [f(4), f(4), f(4), 0.1, 0.9],
    rangeCases: [
      ['velocity a different size', [f(4), f(4), f(5), 0.1, 0.9], RangeError, 'velocity'],
      ['momentum of 1', [f(4), f(4), f(4), 0.1, 1], RangeError, 'momentum'],
    ],
  },
  {
    name: 'adagradUpdate',
    params: [p('param', 'f32'), p('grad', 'f32'), p('h', 'f32'), p('lr', 'number')],
    valid: () => [f(4), f(4), f(4), 0.1],
    rangeCases: [['h a different size', [f(4), f(4), f(1), 0.1], RangeError, 'h']],
  },
  {
    name: 'adamUpdate',
    params: [p('param', 'f32'), p('grad', 'f32'), p('m', 'f32'), p('v', 'f32'), p('lr', 'number'), p('beta1', 'number'), p('beta2', 'number'), p('step', 'dim')],
    valid: () => [f(4), f(4), f(4), f(4), 0.001, 0.9, 0.999, 1],
    rangeCases: [
      ['m a different size', [f(4), f(4), f(3), f(4), 0.001, 0.9, 0.999, 1], RangeError, 'm'],
      ['v a different size', [f(4), f(4), f(4), f(2), 0.001, 0.9, 0.999, 1], RangeError, 'v'],
      ['beta1 of 1', [f(4), f(4), f(4), f(4), 0.001, 1, 0.999, 1], RangeError, 'beta1'],
      ['negative beta2', [f(4), f(4), f(4), f(4), 0.001, 0.9, -0.5, 1], RangeError, 'beta2'],
    ],
  },
  {
    name: 'gatherBatch',
    params: [p('images', 'u8'), p('labels', 'u8'), p('pixels', 'dim'), p('classes', 'dim'), p('indices', 'i32'), p('x', 'f32'), p('t', 'f32')],
    valid: () => [images(), labels(), 4, 3, Int32Array.from([2, 0]), f(8), f(6)],
    rangeCases: [
      ['images not labels×pixels', [images().subarray(1), labels(), 4, 3, Int32Array.from([2, 0]), f(8), f(6)], RangeError, 'images'],
      ['an index past the end', [images(), labels(), 4, 3, Int32Array.from([2, 3]), f(8), f(6)], RangeError, 'indices[1]'],
      ['a negative index', [images(), labels(), 4, 3, Int32Array.from([-1, 0]), f(8), f(6)], RangeError, 'indices[0]'],
      ['a label not below classes', [images(), labels(), 4, 2, Int32Array.from([1]), f(4), f(2)], RangeError, 'labels[1]'],
      ['x the wrong size', [images(), labels(), 4, 3, Int32Array.from([2, 0]), f(4), f(6)], RangeError, 'x'],
      ['t the wrong size', [images(), labels(), 4, 3, Int32Array.from([2, 0]), f(8), f(3)], RangeError, 't'],
      ['t aliasing x', (() => { const buffer = f(14); return [images(), labels(), 4, 3, Int32Array.from([2, 0]), buffer.subarray(0, 8), buffer.subarray(6, 12)]; })(), RangeError, 'x'],
    ],
  },
  {
    name: 'mlpCreate',
    params: [p('sizes', 'i32'), p('activations', 'i32'), p('optimizer', 'string'), p('learningRate', 'number'), p('batchSize', 'dim'), p('params', 'f32'), p('slopes', 'f32')],
    valid: () => mlpCreateArgs(),
    rangeCases: [
      ['one width only', mlpCreateArgs({ sizes: Int32Array.from([4]) }), RangeError, 'sizes'],
      ['a zero width', mlpCreateArgs({ sizes: Int32Array.from([4, 0, 3]) }), RangeError, 'sizes[1]'],
      ['a negative width', mlpCreateArgs({ sizes: Int32Array.from([4, -2, 3]) }), RangeError, 'sizes[1]'],
      ['a huge width', mlpCreateArgs({ sizes: Int32Array.from([4, 2 ** 30, 3]) }), RangeError, 'sizes[1]'],
      ['one class', mlpCreateArgs({ sizes: Int32Array.from([4, 2, 1]) }), RangeError, 'sizes'],
      ['too few activations', mlpCreateArgs({ activations: Int32Array.from([1]) }), RangeError, 'activations'],
      ['an unknown activation', mlpCreateArgs({ activations: Int32Array.from([1, 5]) }), RangeError, 'activations[1]'],
      ['a negative activation', mlpCreateArgs({ activations: Int32Array.from([-1, 0]) }), RangeError, 'activations[0]'],
      ['too few slopes', mlpCreateArgs({ slopes: f(1) }), RangeError, 'slopes'],
      ['too many slopes', mlpCreateArgs({ slopes: f(3) }), RangeError, 'slopes'],
      ['a NaN slope', mlpCreateArgs({ slopes: Float32Array.from([Number.NaN, 0]) }), RangeError, 'slopes[0]'],
      ['an infinite slope', mlpCreateArgs({ slopes: Float32Array.from([0.1, Infinity]) }), RangeError, 'slopes[1]'],
      ['an unknown optimizer', mlpCreateArgs({ optimizer: 'rmsprop' }), RangeError, 'optimizer'],
      ['a negative learning rate', mlpCreateArgs({ learningRate: -0.1 }), RangeError, 'learningRate'],
      ['a zero learning rate', mlpCreateArgs({ learningRate: 0 }), RangeError, 'learningRate'],
      ['params too short', mlpCreateArgs({ params: f(18) }), RangeError, 'params'],
      ['params too long', mlpCreateArgs({ params: f(20) }), RangeError, 'params'],
      ['a batch size above 2^24', mlpCreateArgs({ batchSize: 2 ** 24 + 1 }), RangeError, 'batchSize'],
    ],
  },
  {
    name: 'imageSetCreate',
    params: [p('images', 'u8'), p('labels', 'u8'), p('pixels', 'dim')],
    valid: () => [images(), labels(), 4],
    rangeCases: [
      ['images not labels×pixels', [images().subarray(1), labels(), 4], RangeError, 'images'],
      ['pixels not dividing images', [images(), labels(), 5], RangeError, 'images'],
      ['pixels above 65536', [new Uint8Array(65537), Uint8Array.from([0]), 65537], RangeError, 'pixels'],
    ],
  },
  {
    name: 'imageSetInfo',
    params: [p('set', 'handle')],
    valid: () => [imageSet()],
    rangeCases: [['a trainer in place of the set', [mlp()], TypeError, 'set']],
  },
  {
    name: 'mlpStep',
    params: [p('trainer', 'handle'), p('images', 'handle'), p('indices', 'i32'), p('maxLoss', 'bound')],
    valid: () => [mlp(), imageSet(), Int32Array.from([2, 0]), Infinity],
    rangeCases: [
      ['images of another width', [mlp(), imageSet(Uint8Array.from({ length: 15 }, (_, i) => i % 3), labels(), 5), Int32Array.from([0]), 10], RangeError, 'images'],
      ['an index past the end', [mlp(), imageSet(), Int32Array.from([2, 3]), 10], RangeError, 'indices[1]'],
      ['a negative index', [mlp(), imageSet(), Int32Array.from([-1, 0]), 10], RangeError, 'indices[0]'],
      ['more rows than the batch size', [mlp(), imageSet(), Int32Array.from([0, 1, 2, 0, 1]), 10], RangeError, 'indices'],
      ['a label not below the classes', [mlp(), imageSet(images(), Uint8Array.from([0, 3, 1])), Int32Array.from([1]), 10], RangeError, 'labels[1]'],
      ['a trainer that is a plain object', [{}, imageSet(), Int32Array.from([0]), 10], TypeError, 'trainer'],
      ['a trainer in place of the images', [mlp(), mlp(), Int32Array.from([0]), 10], TypeError, 'images'],
    ],
  },
  {
    name: 'mlpEvaluate',
    params: [p('trainer', 'handle'), p('images', 'handle'), p('start', 'index'), p('count', 'dim'), p('confusion', 'optionalI32')],
    valid: () => [mlp(), imageSet(), 1, 2, new Int32Array(9)],
    rangeCases: [
      ['images of another width', [mlp(), imageSet(Uint8Array.from({ length: 15 }, (_, i) => i % 3), labels(), 5), 0, 1], RangeError, 'images'],
      ['a label not below the classes', [mlp(), imageSet(images(), Uint8Array.from([0, 3, 1])), 0, 1], RangeError, 'labels[1]'],
      ['confusion not classes×classes', [mlp(), imageSet(), 0, 3, new Int32Array(8)], RangeError, 'confusion'],
      ['start past the last image', [mlp(), imageSet(), 3, 1], RangeError, 'start'],
      ['count past the last image', [mlp(), imageSet(), 1, 3], RangeError, 'count'],
      ['count past the last image from 0', [mlp(), imageSet(), 0, 4], RangeError, 'count'],
    ],
  },
  {
    name: 'mlpWeights',
    params: [p('trainer', 'handle'), p('out', 'f32'), p('previous', 'flag')],
    valid: () => [mlp(), f(19), true],
    rangeCases: [['out the wrong size', [mlp(), f(18)], RangeError, 'out']],
  },
  {
    name: 'countCorrect',
    params: [p('scores', 'f32'), p('labels', 'u8'), p('cols', 'dim')],
    valid: () => [f(6), Uint8Array.from([0, 1]), 3],
    rangeCases: [
      ['labels not one per row', [f(6), Uint8Array.from([0, 1, 2]), 3], RangeError, 'labels'],
      ['cols not dividing scores', [f(6), Uint8Array.from([0, 1]), 4], RangeError, 'cols'],
    ],
  },
];

/** Values of the wrong kind for each parameter kind, with the error class each must raise. */
function badValues(kind: Kind): [string, unknown, typeof TypeError | typeof RangeError][] {
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
    case 'dim':
      return [
        ['missing', undefined, TypeError],
        ['a numeric string', '3', TypeError],
        ['a bigint', 3n, TypeError],
        ['zero', 0, RangeError],
        ['negative', -1, RangeError],
        ['fractional', 2.5, RangeError],
        ['NaN', NaN, RangeError],
        ['Infinity', Infinity, RangeError],
        ['above 2^31 − 1', 2 ** 31, RangeError],
      ];
    case 'index':
      return [
        ['missing', undefined, TypeError],
        ['a numeric string', '1', TypeError],
        ['a bigint', 1n, TypeError],
        ['negative', -1, RangeError],
        ['fractional', 0.5, RangeError],
        ['NaN', NaN, RangeError],
        ['Infinity', Infinity, RangeError],
        ['above 2^31 − 1', 2 ** 31, RangeError],
      ];
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

function expectNamedError(run: () => unknown, errorClass: typeof TypeError | typeof RangeError, exportName: string, argument: string): void {
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

      for (const [what, args, errorClass, argument] of spec.rangeCases) {
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
