import { describe, expect, it } from 'vitest';
import { compile } from '../../app/graph/compile';
import { createExecutor } from '../../app/graph/executor';
import { gradcheckGraph } from '../../app/gradcheck/graph-gradcheck';
import { documentOf } from '../../app/graph/test-documents';
import { createJsBackend } from '../../app/tensor/js-backend';
import { initI18n } from '../i18n';
import { messageText } from './message-text';
import { nodeNameText, problemText } from './problem-text';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

const plan = compile(
  documentOf(
    [
      ['W1', 'Parameter', { rows: 40000, cols: 40000 }],
      ['m', 'Mul'],
      ['out', 'Output'],
    ],
    ['W1.out -> m.x', 'm.out -> out.x'],
  ),
);
const tooBig = plan.errors.find((e) => e.code === 'tensor_too_big')!;
const unconnected = plan.errors.find((e) => e.code === 'input_unconnected')!;

describe('problems in the UI language', () => {
  it('reads compile’s English sentence in English, the node named as the canvas titles it', () => {
    expect(problemText(tooBig, en)).toBe(tooBig.message);
    expect(problemText(tooBig, en)).toBe('Parameter node W1: 40000×40000 is 1,600,000,000 values; one tensor may hold at most 67,108,864');
    expect(problemText(unconnected, en)).toBe('Multiply node m: input y is not connected');
  });

  it('reads it in Chinese from the code and params', () => {
    expect(problemText(tooBig, zh)).toBe('参数节点 W1：40000×40000 共 1,600,000,000 个值；一个张量最多只能有 67,108,864 个值');
    expect(problemText(unconnected, zh)).toBe('乘法节点 m：输入 y 没有连接');
  });

  it('drops the node where it is already on screen, in either language', () => {
    expect(problemText(unconnected, en, { omitNode: true })).toBe('Input y is not connected');
    expect(problemText(unconnected, zh, { omitNode: true })).toBe('输入 y 没有连接');
  });

  it('falls back to the English sentence without a code or a translation', () => {
    expect(problemText({ message: 'the MNIST data set could not be loaded' }, zh)).toBe('the MNIST data set could not be loaded');
    expect(problemText({ message: 'english', code: 'no_such_code' as never, params: {} }, zh)).toBe('english');
  });
});

describe('what an op says, in the UI language', () => {
  const shapes = compile(
    documentOf(
      [
        ['a', 'Tensor', { value: [[1, 2, 3], [4, 5, 6]] }],
        ['b', 'Tensor', { value: [1, 2, 3, 4] }],
        ['m', 'Mul'],
        ['d', 'MnistBatch', { batchSize: 1_000_000 }],
        ['out', 'Output'],
      ],
      ['a.out -> m.x', 'b.out -> m.y', 'm.out -> out.x'],
    ),
  );
  const broadcast = shapes.errors.find((e) => e.nodeId === 'm')!;
  const batch = shapes.errors.find((e) => e.nodeId === 'd')!;

  it('a shape rule keeps its code and params under the shape problem', () => {
    expect(broadcast).toMatchObject({ code: 'shape', params: { node: 'Mul m', reasonCode: 'shape_broadcast', x: '2×3', y: '4' } });
    expect(problemText(broadcast, en)).toBe('Multiply node m: cannot combine 2×3 with 4: use equal shapes, a scalar, or a row vector C against N×C');
    expect(problemText(broadcast, zh)).toBe('乘法节点 m：形状 2×3 和 4 无法逐元素相配：两者的形状要相同，或其中一个是标量，或用长度为 C 的行向量对应 N×C 的批');
    expect(problemText(broadcast, zh, { omitNode: true })).toMatch(/^形状 2×3 和 4 无法/);
  });

  it('a parameter out of its range', () => {
    expect(batch.params).toMatchObject({ reasonCode: 'param_integer_between', name: 'batchSize', min: '1', max: '10000', value: '1000000' });
    expect(problemText(batch, en)).toBe("MNIST batch node d: parameter 'batchSize' must be an integer from 1 to 10000, got 1000000");
    expect(problemText(batch, zh)).toBe("MNIST 批数据节点 d：参数 'batchSize' 必须是 1 到 10000 之间的整数，现在是 1000000");
  });

  it('the shape problem that lists the inputs the reason does not name', () => {
    const plan = compile(
      documentOf(
        [
          ['x', 'Tensor', { value: [[1, 2], [3, 4]] }],
          ['W', 'Tensor', { value: [1, 2] }],
          ['p', 'MatMul'],
          ['out', 'Output'],
        ],
        ['x.out -> p.x', 'W.out -> p.W', 'p.out -> out.x'],
      ),
    );
    const weight = plan.errors.find((e) => e.nodeId === 'p')!;
    expect(weight).toMatchObject({ code: 'shape_inputs', params: { reasonCode: 'shape_weight_2d', w: '2', inputs: 'x 2×2, W 2' } });
    expect(problemText(weight, en)).toBe('dot node p: needs a 2-D weight W K×M, got 2 (inputs: x 2×2, W 2)');
    expect(problemText(weight, zh)).toBe('dot节点 p：权重 W 必须是二维的 K×M，现在是 2（输入：x 2×2, W 2）');
  });

  it('a node that fails while it runs, and a backward step before the forward pass is done', () => {
    const mnist = compile(documentOf([['d', 'MnistBatch', { batchSize: 2 }], ['l', 'SoftmaxWithLoss'], ['out', 'Output']], ['d.t -> l.x', 'd.t -> l.t', 'l.out -> out.x']));
    const executor = createExecutor(mnist, { backend: createJsBackend() });
    const failed = executor.stepForward();
    expect(failed).toMatchObject({ ok: false, code: 'node_failed', params: { node: 'MnistBatch d', reasonCode: 'mnist_no_data' } });
    expect(messageText(en, failed)).toBe('MNIST batch node d: MNIST data is not available here');
    expect(messageText(zh, failed)).toBe('MNIST 批数据节点 d：这里无法读取 MNIST 数据');
    const refused = createExecutor(shapes, { backend: createJsBackend() }).stepForward();
    expect(messageText(zh, refused)).toBe('计算图无法运行：乘法节点 m：形状 2×3 和 4 无法逐元素相配：两者的形状要相同，或其中一个是标量，或用长度为 C 的行向量对应 N×C 的批（共有 2 个问题）');
    const backward = executor.stepBackward();
    expect(messageText(zh, backward)).toBe('请先完成正向传播：3 个节点中只有 0 个完成了正向传播');
  });
});

describe('the node a problem is about, named as the canvas titles it', () => {
  const doc = documentOf([['price', 'Scalar', { value: 100 }], ['m', 'Mul'], ['out', 'Output']], ['price.out -> m.x', 'm.out -> out.x']);
  const apple = compile(doc);
  const withLabel = compile({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'm' ? { ...n, label: '× tax' } : n)) }).errors[0];

  it('by the op’s title in the UI language and the node’s id', () => {
    expect(problemText(apple.errors[0], zh)).toBe('乘法节点 m：输入 y 没有连接');
    expect(problemText(apple.errors[0], en)).toBe('Multiply node m: input y is not connected');
    expect(problemText(apple.errors[0], zh)).not.toMatch(/Mul\b/);
  });

  it('a missing Output by the canvas’s word for it', () => {
    const noOutput = compile(documentOf([['s', 'Scalar', { value: 1 }]], [])).errors[0];
    expect(problemText(noOutput, zh)).toBe('计算图中没有输出节点，反向传播无处开始');
  });

  it('by its label where it has one, the shipped examples’ labels in the UI language', () => {
    expect(problemText(withLabel, en)).toBe('Multiply node “× tax”: input y is not connected');
    expect(problemText(withLabel, zh)).toBe('乘法节点“× 消费税”：输入 y 没有连接');
    expect(problemText(withLabel, zh, { omitNode: true })).toBe('输入 y 没有连接');
  });

  it('the same name for a node the status bar shows (a numeric warning)', () => {
    expect(nodeNameText(zh, { id: 'a', kind: 'Add' })).toBe('加法节点 a');
    expect(nodeNameText(en, { id: 'mul_tax', kind: 'Mul', label: '× tax' })).toBe('Multiply node “× tax”');
  });
});

describe('a damaged stored tensor, in the UI language', () => {
  const withTensor = (data: string, shape: number[]) =>
    compile({ ...documentOf([['W', 'Parameter', { rows: 1, cols: 2 }], ['out', 'Output']], ['W.out -> out.x']), tensors: { W: { shape, dtype: 'float32', data } } }).errors[0];

  it('says what is wrong with the data, not only in English', () => {
    const badCharacter = withTensor('AAA*AAAAAAA=', [1, 2]);
    expect(problemText(badCharacter, en)).toBe('Parameter node W: its stored tensor is damaged: base64 text has an invalid character "*" at position 3');
    expect(problemText(badCharacter, zh)).toBe('参数节点 W：保存的张量已损坏：base64 文本在位置 3 有一个无效字符 "*"');
    expect(problemText(withTensor('AAAAAA==', [1, 2]), zh)).toBe('参数节点 W：保存的张量已损坏：形状为 1×2 的张量需要 2 个 float32 值，但数据中有 1 个');
    expect(problemText(withTensor('AAAA', [1, 2]), zh)).toBe('参数节点 W：保存的张量已损坏：float32 数据的字节数必须是 4 的倍数，现在是 3 字节');
  });
});

describe('why a gradient check could not run, in the UI language', () => {
  it('keeps the code of what stopped it: a refused graph, a node that failed', () => {
    const refused = gradcheckGraph(compile(documentOf([['m', 'Mul'], ['out', 'Output']], ['m.out -> out.x'])));
    expect(messageText(zh, refused)).toBe('计算图无法运行：乘法节点 m：输入 x 没有连接（共有 2 个问题）');
    const noData = gradcheckGraph(compile(documentOf([['d', 'MnistBatch', { batchSize: 2 }], ['l', 'SoftmaxWithLoss'], ['out', 'Output']], ['d.t -> l.x', 'd.t -> l.t', 'l.out -> out.x'])));
    expect(messageText(zh, noData)).toBe('MNIST 批数据节点 d：这里无法读取 MNIST 数据');
  });
});
