import { z } from 'zod';
import { MAX_EDGES, MAX_NODES } from '../limits';

/** The name of a graph nobody has named; the app shows it in the user's language. */
export const UNTITLED = 'Untitled';

/** The graph file: what the canvas holds, saved as JSON. Bump VERSION and add a migration to change it. */
export const FORMAT = 'backprop-studio-graph';
export const VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const paramValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.null(),
  z.array(z.number()),
  z.array(z.array(z.number())),
]);

export const nodeSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  /** What the node stands for in the example ("apple price"); the title otherwise. */
  label: z.string().optional(),
  position: z.object({ x: finite, y: finite }),
  params: z.record(z.string(), paramValueSchema).default({}),
});

export const edgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().min(1),
});

/** A tensor stored in the file (trained weights): float32, little-endian, base64. */
export const storedTensorSchema = z.object({
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.literal('float32'),
  data: z.string(),
});

export const graphDocumentSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  name: z.string().default(UNTITLED),
  description: z.string().optional(),
  nodes: z.array(nodeSchema).max(MAX_NODES),
  edges: z.array(edgeSchema).max(MAX_EDGES),
  /** Keyed by node id. */
  tensors: z.record(z.string(), storedTensorSchema).optional(),
});

export type GraphNode = z.infer<typeof nodeSchema>;
export type GraphEdge = z.infer<typeof edgeSchema>;
export type StoredTensor = z.infer<typeof storedTensorSchema>;
export type GraphDocument = z.infer<typeof graphDocumentSchema>;

export function emptyDocument(name = UNTITLED): GraphDocument {
  return { format: FORMAT, version: VERSION, name, nodes: [], edges: [] };
}
