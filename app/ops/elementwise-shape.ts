import { broadcastShape } from '../tensor/broadcast';
import { formatShape } from '../tensor/format-shape';
import { ShapeError, type PortShapes } from './op';

/** The shape rule of Mul and Add: equal shapes, a scalar, or a row vector over a batch. */
export function inferBroadcastShape(title: string, inputs: PortShapes): PortShapes {
  const x = inputs.x;
  const y = inputs.y;
  try {
    return { out: broadcastShape(x, y) };
  } catch {
    throw new ShapeError(
      `${title} cannot combine ${formatShape(x)} with ${formatShape(y)}: use equal shapes, a scalar, or a row vector C against N×C`,
    );
  }
}

/** The shape rule of elementwise functions of one input. */
export function sameShapeAsX(inputs: PortShapes): PortShapes {
  return { out: [...inputs.x] };
}
