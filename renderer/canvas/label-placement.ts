/** A rectangle in flow coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Room kept between a label and a node, in flow units. */
const CLEARANCE = 4;
/** Where along its edge a label may sit: the middle first, then alternately towards either end. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9];

/** The four points of the cubic Bézier React Flow draws ("M sx,sy C c1x,c1y c2x,c2y tx,ty"), or null for another path. */
export function bezierPoints(path: string): [Point, Point, Point, Point] | null {
  const n = path.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)?.map(Number);
  if (!n || n.length !== 8 || !path.includes('C')) return null;
  return [
    { x: n[0], y: n[1] },
    { x: n[2], y: n[3] },
    { x: n[4], y: n[5] },
    { x: n[6], y: n[7] },
  ];
}

function pointAt([p0, p1, p2, p3]: readonly [Point, Point, Point, Point], t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Where an edge's label (its centre) goes: on the edge, at the point nearest the middle where a
 * label of `size` clears every node; where no point does, the middle, where a learner looks for it.
 */
export function placeLabel(path: string, middle: Point, size: { width: number; height: number }, nodes: readonly Rect[]): Point {
  const curve = bezierPoints(path);
  if (!curve || size.width <= 0 || nodes.length === 0) return middle;
  for (const t of ALONG) {
    const at = pointAt(curve, t);
    const box = { x: at.x - size.width / 2 - CLEARANCE, y: at.y - size.height / 2 - CLEARANCE, width: size.width + 2 * CLEARANCE, height: size.height + 2 * CLEARANCE };
    if (nodes.every((node) => !overlaps(box, node))) return at;
  }
  return middle;
}
