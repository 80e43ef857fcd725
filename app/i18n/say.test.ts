import { describe, expect, it } from 'vitest';
import { ENGLISH_WORDS, englishMessage } from './messages';
import { nodeWords, say } from './say';

describe('a message in words (the English the CLI prints)', () => {
  it('names a node by its op’s title and its id, or its label', () => {
    expect(nodeWords(ENGLISH_WORDS, { nodeKind: 'Mul', nodeId: 'm' })).toBe('Multiply node m');
    expect(nodeWords(ENGLISH_WORDS, { nodeKind: 'MatMul', nodeId: 'p', nodeLabel: 'x · W' })).toBe('dot node “x · W”');
    expect(nodeWords(ENGLISH_WORDS, { nodeKind: 'MnistBatch', nodeId: 'd', nodePort: 't' })).toBe('output t of MNIST batch node d');
    expect(nodeWords(ENGLISH_WORDS, { node: 'Mul m' })).toBeUndefined();
    // A label that only repeats the title does not stand in for the id.
    expect(nodeWords(ENGLISH_WORDS, { nodeKind: 'Relu', nodeId: 'relu1', nodeLabel: 'ReLU' })).toBe('ReLU node relu1');
    expect(nodeWords(ENGLISH_WORDS, { nodeKind: 'SoftmaxWithLoss', nodeId: 'loss', nodeLabel: 'Softmax-with-Loss' })).toBe('Softmax-with-Loss node loss');
  });

  it('keeps a kind it does not know as it is', () => {
    expect(nodeWords(ENGLISH_WORDS, { nodeKind: 'Teleport', nodeId: 't' })).toBe('Teleport node t');
  });

  it('fills coded parts from the same params, innermost first', () => {
    const params = { nodeKind: 'Add', nodeId: 'a', port: 'y', reasonCode: 'shape_broadcast', x: '2', y: '3', reason: 'old English' };
    expect(say(ENGLISH_WORDS, 'shape', params, 'fallback')).toBe('Add node a: cannot combine 2 with 3: use equal shapes, a scalar, or a row vector C against N×C');
    expect(englishMessage('input_unconnected', { node: 'Add a', nodeKind: 'Add', nodeId: 'a', port: 'y' })).toBe('Add node a: input y is not connected');
  });

  it('falls back to the sentence it was given for a code the catalog lacks', () => {
    expect(say(ENGLISH_WORDS, 'no_such_code', {}, 'as it came')).toBe('as it came');
  });
});
