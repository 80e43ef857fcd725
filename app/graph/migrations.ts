import { VERSION } from './document';

/**
 * Upgrades raw graph files (parsed JSON, not yet validated) from older versions, one version at a
 * time. Each entry takes a file of version N and returns it as version N + 1; the schema check runs
 * after the last one, so a migration may assume nothing about the shape of what it gets.
 *
 * Version 0 (the prototype's format) kept node positions as top-level `x`/`y` and called edges
 * `links`, each `{ id, from: { node, port }, to: { node, port } }`.
 */
type RawDocument = Record<string, unknown>;
type Migration = (file: RawDocument) => RawDocument;

export const OLDEST_VERSION = 0;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function migrateNodeFromV0(node: unknown): unknown {
  if (!isRecord(node) || 'position' in node) return node;
  const { x, y, ...rest } = node;
  return { ...rest, position: { x, y } };
}

function migrateLinkFromV0(link: unknown, index: number): unknown {
  if (!isRecord(link)) return link;
  const from = isRecord(link.from) ? link.from : {};
  const to = isRecord(link.to) ? link.to : {};
  return {
    id: typeof link.id === 'string' ? link.id : `e${index + 1}`,
    source: from.node,
    sourceHandle: from.port,
    target: to.node,
    targetHandle: to.port,
  };
}

export const migrations: Readonly<Record<number, Migration>> = {
  0: (file) => {
    const { links, ...rest } = file;
    return {
      ...rest,
      version: 1,
      nodes: Array.isArray(file.nodes) ? file.nodes.map(migrateNodeFromV0) : file.nodes,
      edges: Array.isArray(links) ? links.map(migrateLinkFromV0) : (file.edges ?? links),
    };
  },
};

/** Applies the migrations from `version` up to the current VERSION. */
export function migrateToCurrent(file: RawDocument, version: number): RawDocument {
  let current = file;
  for (let v = version; v < VERSION; v++) {
    const migrate = migrations[v];
    if (!migrate) throw new Error(`no migration from graph file version ${v} to ${v + 1}`);
    current = migrate(current);
  }
  return current;
}
