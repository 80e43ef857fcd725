import { useMemo, useState } from 'react';
import { listOps } from '../../app/ops/registry';
import type { OpDefinition } from '../../app/ops/op';

export function matchOps(query: string): OpDefinition[] {
  const q = query.trim().toLowerCase();
  const ops = [...listOps()];
  if (!q) return ops;
  return ops.filter((op) => op.kind.toLowerCase().includes(q) || op.title.toLowerCase().includes(q) || op.description.toLowerCase().includes(q));
}

/** The double-click quick search: type, then Enter (or click) adds the first or chosen kind. */
export function QuickSearch({ x, y, onPick, onClose }: { x: number; y: number; onPick: (kind: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchOps(query), [query]);
  return (
    <div className="quick-search" style={{ left: x, top: y }} data-testid="quick-search" onMouseDown={(e) => e.stopPropagation()}>
      <input
        autoFocus
        placeholder="Add a node…"
        value={query}
        data-testid="quick-search-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onBlur={() => setTimeout(onClose, 150)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) onPick(matches[active].kind);
        }}
      />
      <ul>
        {matches.map((op, i) => (
          <li key={op.kind} className={i === active ? 'active' : ''} onMouseDown={() => onPick(op.kind)} title={op.description}>
            <strong>{op.title}</strong> <span>{op.category}</span>
          </li>
        ))}
        {matches.length === 0 && <li className="none">No node kind matches “{query}”.</li>}
      </ul>
    </div>
  );
}
