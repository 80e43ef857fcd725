import type { Rect, Viewport } from '@xyflow/react';

/** A graph opens no smaller than this: at ≈0.75 the 11 px edge labels are still ≈8 px on screen. */
export const MIN_OPENING_ZOOM = 0.75;
const MARGIN = 40;
/** The step timeline runs along the canvas's foot (renderer/explain/explain.css): the graph opens above it. */
const FOOT = 64;

/**
 * The opening view of a graph: fit it whole when it fits at a readable zoom (never above 1);
 * otherwise the readable zoom, with the start of the graph (its left edge) in view and the graph
 * centred vertically above the step timeline when it fits, its top in view when it does not.
 */
export function readableViewport(bounds: Rect, width: number, height: number): Viewport {
  const room = height - MARGIN - FOOT;
  const fit = Math.min((width - 2 * MARGIN) / Math.max(bounds.width, 1), room / Math.max(bounds.height, 1), 1);
  const zoom = Math.max(fit, MIN_OPENING_ZOOM);
  const x = fit >= MIN_OPENING_ZOOM ? (width - bounds.width * zoom) / 2 - bounds.x * zoom : MARGIN - bounds.x * zoom;
  const y = bounds.height * zoom <= room ? MARGIN + (room - bounds.height * zoom) / 2 - bounds.y * zoom : MARGIN - bounds.y * zoom;
  return { x, y, zoom };
}
