import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { fromArray, scalarValue } from '../tensor/tensor';
import { compile } from './compile';
import { createExecutor } from './executor';
import { parseGraphDocument, serializeGraphDocument } from './parse';
import { tensorToStored } from './stored-tensors';
import { documentOf } from './test-documents';

// Ids that name properties of every plain object must be ordinary ids (issue 8, defect 5).
describe('node ids that are Object.prototype names', () => {
  const doc = {
    ...documentOf(
      [
        ['__proto__', 'Scalar', { value: 2 }],
        ['constructor', 'Parameter', { rows: 1, cols: 1 }],
        ['toString', 'Mul'],
        ['hasOwnProperty', 'Output'],
      ],
      ['__proto__.out -> toString.x', 'constructor.out -> toString.y', 'toString.out -> hasOwnProperty.x'],
    ),
    tensors: { constructor: tensorToStored(fromArray([1, 1], [5])) },
  };

  it('validate, run forward and backward through a file', () => {
    const parsed = parseGraphDocument(serializeGraphDocument(doc));
    expect(parsed.ok && parsed.document.nodes.map((n) => n.id)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    const plan = compile(parsed.ok ? parsed.document : doc);
    expect(plan.errors).toEqual([]);
    const ex = createExecutor(plan, { backend: createJsBackend('float64') });
    expect(ex.runForward()).toMatchObject({ ok: true });
    expect(scalarValue(ex.outputValue('toString', 'out')!)).toBe(10);
    expect(ex.runBackward()).toMatchObject({ ok: true });
    expect(scalarValue(ex.outputGrad('constructor', 'out')!)).toBe(2);
    expect(scalarValue(ex.outputGrad('__proto__', 'out')!)).toBe(5);
  });

  it('a Parameter called toString without stored weights uses its own initializer', () => {
    const plain = documentOf([['toString', 'Parameter', { rows: 1, cols: 1, init: 'zeros' }], ['valueOf', 'Output']], ['toString.out -> valueOf.x']);
    const ex = createExecutor(compile(plain), { backend: createJsBackend('float64') });
    expect(ex.runForward()).toMatchObject({ ok: true });
    expect(scalarValue(ex.outputValue('toString', 'out')!)).toBe(0);
  });
});
