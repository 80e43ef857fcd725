import { FORMAT, VERSION, type GraphDocument, type GraphEdge, type GraphNode } from './document';

type NodeRow = readonly [id: string, kind: string, params?: GraphNode['params']];
/** A node of a test document: [id, kind, params], or "id:Kind" for one without parameters. */
export type TestNode = NodeRow | `${string}:${string}`;

/** Small documents for the tests: nodes as TestNodes, edges as "source.port -> target.port". */
export function documentOf(nodes: readonly TestNode[], edges: readonly string[]): GraphDocument {
  return {
    format: FORMAT,
    version: VERSION,
    name: 'test',
    nodes: nodes.map((node, i) => {
      const [id, kind, params = {}]: NodeRow = typeof node === 'string' ? (node.split(':') as [string, string]) : node;
      return { id, kind, position: { x: i * 220, y: 0 }, params };
    }),
    edges: edges.map((text, i): GraphEdge => {
      const [from, to] = text.split('->').map((s) => s.trim());
      const [source, sourceHandle] = from.split('.');
      const [target, targetHandle] = to.split('.');
      return { id: `e${i + 1}`, source, sourceHandle, target, targetHandle };
    }),
  };
}

/** MnistBatch → SoftmaxWithLoss → Output (the labels serve as the scores too): the smallest graph that reads the data set. */
export const MNIST_LOSS_DOCUMENT = documentOf(
  [
    ['d', 'MnistBatch', { batchSize: 2 }],
    ['l', 'SoftmaxWithLoss'],
    ['out', 'Output'],
  ],
  ['d.t -> l.x', 'd.t -> l.t', 'l.out -> out.x'],
);
