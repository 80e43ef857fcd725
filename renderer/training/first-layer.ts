import { quantizedLevels } from '../../app/train/layer-snapshot';
import type { MlpWeights } from '../../app/train/mlp-predict';
import type { LayerSnapshot } from '../../app/train/protocol';

/** The first layer as the weight tiles need it: unit i's 784 input weights are column i of W1. */
export interface FirstLayer {
  readonly inputs: number;
  readonly units: number;
  /** W1, inputs × units, row-major, in units of `scale` (a snapshot's levels, or the weights themselves). */
  readonly weights: ArrayLike<number>;
  readonly scale: number;
  readonly bias: ArrayLike<number>;
  /** W2, units × classes, or null for a one-layer net. */
  readonly outgoing: ArrayLike<number> | null;
  readonly classes: number;
  /** The largest |w| of W1 (in units of `scale`): one symmetric colour scale for all tiles, so tiles compare. */
  readonly maxAbs: number;
}

function maxAbsOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

export function firstLayerOfSnapshot(s: LayerSnapshot): FirstLayer {
  const weights = quantizedLevels(s.inputWeights);
  return {
    inputs: s.inputWeights.rows,
    units: s.inputWeights.cols,
    weights,
    scale: s.inputWeights.scale,
    bias: s.bias,
    outgoing: s.outgoingWeights?.data ?? null,
    classes: s.outgoingWeights?.cols ?? 0,
    maxAbs: maxAbsOf(weights),
  };
}

export function firstLayerOfNet(net: MlpWeights): FirstLayer {
  const two = net.sizes.length > 2;
  return {
    inputs: net.sizes[0],
    units: net.sizes[1],
    weights: net.weights[0],
    scale: 1,
    bias: net.biases[0],
    outgoing: two ? net.weights[1] : null,
    classes: two ? net.sizes[2] : 0,
    maxAbs: maxAbsOf(net.weights[0]),
  };
}

/**
 * Unit i's input weights (a square image: inputs = side²) as RGBA pixels on a diverging scale: blue below 0,
 * white at 0, red above; written from byte `offset` of `out`, one row every `stride` bytes (a tile in a larger image).
 */
export function unitPixels(layer: FirstLayer, unit: number, out: Uint8ClampedArray, offset = 0, stride = 4 * Math.round(Math.sqrt(layer.inputs))): void {
  const scale = layer.maxAbs > 0 ? 1 / layer.maxAbs : 0;
  const side = Math.round(Math.sqrt(layer.inputs));
  for (let y = 0, p = 0; y < side; y++) {
    for (let x = 0, at = offset + y * stride; x < side; x++, p++, at += 4) {
      const v = Math.max(-1, Math.min(1, layer.weights[p * layer.units + unit] * scale));
      const fade = Math.round(255 * (1 - Math.abs(v)));
      out[at] = v > 0 ? 255 : fade;
      out[at + 1] = fade;
      out[at + 2] = v < 0 ? 255 : fade;
      out[at + 3] = 255;
    }
  }
}
