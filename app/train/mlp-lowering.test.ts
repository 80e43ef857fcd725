import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../graph/document';
import { mlpDocument } from './mlp-agreement.test-helpers';
import { compile } from '../graph/compile';
import { lowerMlp } from './mlp-lowering';
import { DEFAULT_TRAINING_OPTIONS } from './protocol';
import { buildTwoLayerNet } from './two-layer-net';

const net = buildTwoLayerNet(DEFAULT_TRAINING_OPTIONS);
const lowerPlan = (doc: GraphDocument) => lowerMlp(compile(doc));

/** The two-layer net with a third Affine (and its own activation) between the hidden layer and the scores. */
function threeLayers(activation: string | null): GraphDocument {
  const nodes = net.nodes.map((n) => (n.id === 'W2' ? { ...n, params: { ...n.params, cols: 30 } } : n.id === 'b2' ? { ...n, params: { ...n.params, rows: 30 } } : n));
  nodes.push(
    { id: 'W3', kind: 'Parameter', label: 'W3', position: { x: 0, y: 0 }, params: { rows: 30, cols: 10, init: 'normal', std: 0.01, seed: 9 } },
    { id: 'b3', kind: 'Parameter', label: 'b3', position: { x: 0, y: 0 }, params: { rows: 10, cols: 0, init: 'zeros', std: 0.01, seed: 0 } },
    { id: 'affine3', kind: 'Affine', label: 'Affine3', position: { x: 0, y: 0 }, params: {} },
  );
  const edges = net.edges.filter((e) => e.id !== 'affine2.out->loss.x');
  const edge = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
    id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  });
  if (activation) {
    nodes.push({ id: 'act2', kind: activation, label: activation, position: { x: 0, y: 0 }, params: {} });
    edges.push(edge('affine2', 'out', 'act2', 'x'), edge('act2', 'out', 'affine3', 'x'));
  } else {
    edges.push(edge('affine2', 'out', 'affine3', 'x'));
  }
  edges.push(edge('W3', 'out', 'affine3', 'W'), edge('b3', 'out', 'affine3', 'b'), edge('affine3', 'out', 'loss', 'x'));
  return { ...net, nodes, edges };
}

describe('lowerMlp', () => {
  it('lowers the chapter two-layer net', () => {
    expect(lowerPlan(net)).toEqual({ sizes: [784, 50, 10], activations: ["relu", "none"], slopes: [0, 0], weightIds: ['W1', 'W2'], biasIds: ['b1', 'b2'] });
  });

  it('lowers a sigmoid net and deeper chains, with or without an activation between Affines', () => {
    expect(lowerPlan(mlpDocument(DEFAULT_TRAINING_OPTIONS, 'Sigmoid'))?.activations).toEqual(['sigmoid', 'none']);
    expect(lowerPlan(threeLayers('Sigmoid'))).toEqual({
      sizes: [784, 50, 30, 10],
      activations: ['relu', 'sigmoid', 'none'],
      slopes: [0, 0, 0],
      weightIds: ['W1', 'W2', 'W3'],
      biasIds: ['b1', 'b2', 'b3'],
    });
    expect(lowerPlan(threeLayers(null))?.activations).toEqual(['relu', 'none', 'none']);
  });

  it('lowers any op that declares a fused activation: Tanh, and LeakyReLU with its slope', () => {
    expect(lowerPlan(threeLayers('Tanh'))).toMatchObject({ activations: ['relu', 'tanh', 'none'], slopes: [0, 0, 0] });
    const leaky = threeLayers('LeakyRelu');
    const withSlope = { ...leaky, nodes: leaky.nodes.map((n) => (n.kind === 'LeakyRelu' ? { ...n, params: { slope: 0.2 } } : n)) };
    expect(lowerPlan(withSlope)).toMatchObject({ activations: ['relu', 'leakyRelu', 'none'], slopes: [0, 0.2, 0] });
  });

  it('lowers without an Output after the loss, not with another upstream gradient', () => {
    const noOutput = { ...net, nodes: net.nodes.filter((n) => n.id !== 'output'), edges: net.edges.filter((e) => e.target !== 'output') };
    expect(lowerPlan(noOutput)).not.toBeNull();
    const scaled = { ...net, nodes: net.nodes.map((n) => (n.id === 'output' ? { ...n, params: { grad: 1.3 } } : n)) };
    expect(lowerPlan(scaled)).toBeNull();
  });

  it('keeps other graphs on the op-by-op path', () => {
    const withKind = (id: string, kind: string) => ({ ...net, nodes: net.nodes.map((n) => (n.id === id ? { ...n, kind } : n)) });
    // An unknown activation between the layers.
    expect(lowerPlan(withKind('relu1', 'Exp'))).toBeNull();
    // A stray node off the chain.
    expect(lowerPlan({ ...net, nodes: [...net.nodes, { id: 'extra', kind: 'Parameter', label: 'x', position: { x: 0, y: 0 }, params: {} }] })).toBeNull();
    // A weight shared by a second consumer.
    const shared = { ...net, edges: [...net.edges, { id: 'W1-out', source: 'W1', sourceHandle: 'out', target: 'output', targetHandle: 'y' }] };
    expect(lowerPlan(shared)).toBeNull();
    // The labels from somewhere else than the batch.
    const rewired = { ...net, edges: net.edges.map((e) => (e.target === 'loss' && e.targetHandle === 't' ? { ...e, source: 'affine2', sourceHandle: 'out' } : e)) };
    expect(lowerPlan(rewired)).toBeNull();
    // Scores that are not 10 wide.
    expect(lowerPlan({ ...net, nodes: net.nodes.map((n) => (n.id === 'W2' ? { ...n, params: { ...n.params, cols: 12 } } : n)) })).toBeNull();
    // A bias that is a matrix.
    expect(lowerPlan({ ...net, nodes: net.nodes.map((n) => (n.id === 'b1' ? { ...n, params: { ...n.params, rows: 2, cols: 50 } } : n)) })).toBeNull();
  });
});
