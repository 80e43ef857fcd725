import { describe, expect, it } from 'vitest';
import { VERSION } from './document';
import { OLDEST_VERSION, migrateToCurrent, migrations } from './migrations';

describe('migrations', () => {
  it('has one step from every older version to the current one', () => {
    for (let v = OLDEST_VERSION; v < VERSION; v++) expect(typeof migrations[v]).toBe('function');
  });

  it('turns version 0 links into edges and x/y into positions, numbering links without ids', () => {
    const v0 = {
      format: 'backprop-studio-graph',
      version: 0,
      nodes: [{ id: 'a', kind: 'Scalar', x: 10, y: 20, params: { value: 1 } }],
      links: [
        { id: 'l1', from: { node: 'a', port: 'out' }, to: { node: 'o', port: 'x' } },
        { from: { node: 'a', port: 'out' }, to: { node: 'm', port: 'y' } },
      ],
    };
    expect(migrateToCurrent(v0, 0)).toEqual({
      format: 'backprop-studio-graph',
      version: 1,
      nodes: [{ id: 'a', kind: 'Scalar', position: { x: 10, y: 20 }, params: { value: 1 } }],
      edges: [
        { id: 'l1', source: 'a', sourceHandle: 'out', target: 'o', targetHandle: 'x' },
        { id: 'e2', source: 'a', sourceHandle: 'out', target: 'm', targetHandle: 'y' },
      ],
    });
  });

  it('leaves a current file alone and passes malformed parts through for the schema to name', () => {
    const current = { format: 'backprop-studio-graph', version: VERSION, nodes: [], edges: [] };
    expect(migrateToCurrent(current, VERSION)).toBe(current);
    expect(migrateToCurrent({ version: 0, nodes: 'none', links: 5 }, 0)).toEqual({ version: 1, nodes: 'none', edges: 5 });
  });
});
