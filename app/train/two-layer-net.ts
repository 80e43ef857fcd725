import { FORMAT, VERSION, type GraphDocument, type GraphEdge, type GraphNode } from '../graph/document';
import type { InitName } from './protocol';

export interface TwoLayerNetOptions {
  readonly hiddenSize: number;
  readonly init: InitName;
  /** The normal initializer's std (the chapter: 0.01). */
  readonly weightStd: number;
  readonly seed: number;
  readonly batchSize: number;
}

/**
 * The chapter's TwoLayerNet (784 → hidden → 10, ReLU between, Softmax-with-Loss at the end) as a
 * graph document, so that the CLI, the app and the canvas all train the very same thing.
 */
export function buildTwoLayerNet(options: TwoLayerNetOptions): GraphDocument {
  const { hiddenSize, init, weightStd, seed, batchSize } = options;
  const node = (id: string, kind: string, label: string, x: number, y: number, params: GraphNode['params'] = {}): GraphNode => ({
    id,
    kind,
    label,
    position: { x, y },
    params,
  });
  const weight = (rows: number, cols: number, weightSeed: number) => ({ rows, cols, init, std: weightStd, seed: weightSeed });
  const bias = (rows: number) => ({ rows, cols: 0, init: 'zeros', std: weightStd, seed: 0 });
  // The layout of assets/examples/09-two-layer-net.json: columns about 320 px apart so edge labels
  // stay readable, in two rows so the whole net opens at a readable zoom beside a lesson at 1280×720.
  const nodes: GraphNode[] = [
    node('batch', 'MnistBatch', 'MNIST batch', 0, 200, { split: 'train', batchSize, seed }),
    node('W1', 'Parameter', 'W1', 250, 0, weight(784, hiddenSize, seed * 2 + 1)),
    node('b1', 'Parameter', 'b1', 250, 100, bias(hiddenSize)),
    node('affine1', 'Affine', 'Affine1', 640, 80),
    node('relu1', 'Relu', 'Relu1', 960, 80),
    node('W2', 'Parameter', 'W2', 0, 340, weight(hiddenSize, 10, seed * 2 + 2)),
    node('b2', 'Parameter', 'b2', 0, 560, bias(10)),
    node('affine2', 'Affine', 'Affine2', 350, 430),
    node('loss', 'SoftmaxWithLoss', 'Softmax-with-Loss', 680, 370),
    node('output', 'Output', 'L', 960, 380),
  ];
  const edge = (source: string, sourceHandle: string, target: string, targetHandle: string): GraphEdge => ({
    id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  });
  const edges: GraphEdge[] = [
    edge('batch', 'x', 'affine1', 'x'),
    edge('W1', 'out', 'affine1', 'W'),
    edge('b1', 'out', 'affine1', 'b'),
    edge('affine1', 'out', 'relu1', 'x'),
    edge('relu1', 'out', 'affine2', 'x'),
    edge('W2', 'out', 'affine2', 'W'),
    edge('b2', 'out', 'affine2', 'b'),
    edge('affine2', 'out', 'loss', 'x'),
    edge('batch', 't', 'loss', 't'),
    edge('loss', 'out', 'output', 'x'),
  ];
  return {
    format: FORMAT,
    version: VERSION,
    name: `Two-layer net 784-${hiddenSize}-10`,
    description: 'The chapter 5 TwoLayerNet: Affine, ReLU, Affine, Softmax-with-Loss, trained on MNIST.',
    nodes,
    edges,
  };
}
