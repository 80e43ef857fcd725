import type { Tensor } from '../tensor/tensor';
import type { MlpSpec } from './mlp-kernel';
import type { LayerSnapshot, WireMatrix } from './protocol';

/** Decimals kept on the wire: enough for a colour scale and a tooltip, a third of the JSON of full floats. */
const WIRE_DECIMALS = 1e5;

const round = (v: number) => Math.round(v * WIRE_DECIMALS) / WIRE_DECIMALS;

function matrix(t: Tensor): WireMatrix {
  const cols = t.shape[t.shape.length - 1];
  return { rows: t.data.length / cols, cols, data: Array.from(t.data, round) };
}

/** The first layer of an MLP (and the weights leaving its units) out of the trainer's weights. */
export function layerSnapshot(spec: MlpSpec, weights: ReadonlyMap<string, Tensor>, iteration: number): LayerSnapshot | null {
  const w = weights.get(spec.weightIds[0]);
  const b = weights.get(spec.biasIds[0]);
  if (!w || !b) return null;
  const next = spec.weightIds.length > 1 ? weights.get(spec.weightIds[1]) : undefined;
  return { iteration, inputWeights: matrix(w), bias: Array.from(b.data, round), outgoingWeights: next ? matrix(next) : null };
}
