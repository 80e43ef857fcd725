import { broadcastShape } from '../tensor/broadcast';
import { formatShape } from '../tensor/format-shape';
import { ShapeError, type OpSample, type PortShapes } from './op';

/** The shape rule of Mul and Add: equal shapes, a scalar, or a row vector over a batch. */
export function inferBroadcastShape(inputs: PortShapes): PortShapes {
  const x = inputs.x;
  const y = inputs.y;
  try {
    return { out: broadcastShape(x, y) };
  } catch {
    throw new ShapeError('shape_broadcast', { x: formatShape(x), y: formatShape(y) });
  }
}

/** The shape rule of elementwise functions of one input. */
export function sameShapeAsX(inputs: PortShapes): PortShapes {
  return { out: [...inputs.x] };
}

/** The input and shape rule of an elementwise function of x, its output shaped like x (exp, 1/x, the activations). */
export const UNARY_ELEMENTWISE = { inputs: ['x'], inferShape: sameShapeAsX } as const;

/** The inputs, shape rule and sample shapes of Mul and Add: x and y combined elementwise, broadcasting. */
export const BROADCAST_BINARY = {
  inputs: ['x', 'y'],
  inferShape: inferBroadcastShape,
  samples: [
    { inputs: { x: [3, 4], y: [3, 4] } },
    { inputs: { x: [], y: [3, 4] } },
    { inputs: { x: [2, 5], y: [] } },
    { inputs: { x: [], y: [] } },
    { inputs: { x: [4], y: [3, 4] } },
    { inputs: { x: [3, 4], y: [4] } },
    { inputs: { x: [3, 4], y: [1, 4] } },
    { inputs: { x: [6], y: [6] } },
  ] satisfies OpSample[],
} as const;
