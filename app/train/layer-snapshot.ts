import { base64ToBytes, bytesToBase64 } from '../graph/stored-tensors';
import type { Tensor } from '../tensor/tensor';
import type { MlpSpec } from '../tensor/mlp-kernel';
import type { LayerSnapshot, QuantizedMatrix, WireMatrix } from './protocol';

/** Decimals kept for the few numbers a learner reads (bias, outgoing weights). */
const WIRE_DECIMALS = 1e5;
const LEVELS = 127;

const round = (v: number) => Math.round(v * WIRE_DECIMALS) / WIRE_DECIMALS;

function matrix(t: Tensor): WireMatrix {
  const cols = t.shape[t.shape.length - 1];
  return { rows: t.data.length / cols, cols, data: Array.from(t.data, round) };
}

/** 255 levels between −max|w| and max|w|: as many as a colour scale shows. */
export function quantize(t: Tensor): QuantizedMatrix {
  const cols = t.shape[t.shape.length - 1];
  let maxAbs = 0;
  for (let i = 0; i < t.data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(t.data[i]));
  const scale = maxAbs > 0 ? maxAbs / LEVELS : 1;
  const levels = new Int8Array(t.data.length);
  for (let i = 0; i < levels.length; i++) levels[i] = Math.round(t.data[i] / scale);
  return { rows: t.data.length / cols, cols, scale, levels: bytesToBase64(new Uint8Array(levels.buffer)) };
}

/** The levels of a quantized matrix (value ≈ level × scale). */
export function quantizedLevels(q: QuantizedMatrix): Int8Array {
  const bytes = base64ToBytes(q.levels);
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** The first layer of an MLP (and the weights leaving its units) out of the trainer's weights. */
export function layerSnapshot(spec: MlpSpec, weights: ReadonlyMap<string, Tensor>, iteration: number): LayerSnapshot | null {
  const w = weights.get(spec.weightIds[0]);
  const b = weights.get(spec.biasIds[0]);
  if (!w || !b) return null;
  const next = spec.weightIds.length > 1 ? weights.get(spec.weightIds[1]) : undefined;
  return { iteration, inputWeights: quantize(w), bias: Array.from(b.data, round), outgoingWeights: next ? matrix(next) : null };
}
