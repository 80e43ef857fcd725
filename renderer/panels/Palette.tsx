import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { OpCategory, OpDefinition } from '../../app/ops/op';
import { PALETTE_MIME } from '../canvas/Canvas';
import { matchOps } from '../canvas/QuickSearch';
import { useGraph } from '../store/store-context';

const GROUPS: readonly { category: OpCategory; title: string }[] = [
  { category: 'input', title: 'Inputs' },
  { category: 'operation', title: 'Operations' },
  { category: 'layer', title: 'Layers' },
  { category: 'loss', title: 'Loss' },
];

/** Every kind in the registry, grouped; drag one onto the canvas, or double-click it to add it in view. */
export function Palette() {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => matchOps(query), [query]);
  const addNode = useGraph((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();

  const addInView = (op: OpDefinition) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: 400, y: 300 };
    addNode(op.kind, screenToFlowPosition(centre));
  };

  return (
    <aside className="palette">
      <input className="palette-search" placeholder="Search nodes" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="palette-search" />
      {GROUPS.map(({ category, title }) => {
        const ops = matches.filter((op) => op.category === category);
        if (ops.length === 0) return null;
        return (
          <section key={category} className="palette-group">
            <h3>{title}</h3>
            {ops.map((op) => (
              <div
                key={op.kind}
                className={`palette-item cat-${op.category}`}
                data-testid={`palette-item-${op.kind}`}
                draggable
                title={`${op.description}\nDrag onto the canvas, or double-click to add.`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, op.kind);
                  e.dataTransfer.setData('text/plain', op.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onDoubleClick={() => addInView(op)}
              >
                <span className="palette-item-title">{op.title}</span>
                <span className="palette-item-ports">
                  {op.inputs.join(', ') || '—'} → {op.outputs.join(', ') || '—'}
                </span>
              </div>
            ))}
          </section>
        );
      })}
      {matches.length === 0 && <p className="palette-empty">No node kind matches “{query}”.</p>}
    </aside>
  );
}
