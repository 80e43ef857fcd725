import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOps } from '../../app/ops/registry';
import type { RegisteredOp } from '../../app/ops/op';
import { opDescription, opSearchText, opTitle } from '../i18n/op-text';

/** The kinds whose kind, title or description (in any UI language) contains the query: Multiply / 乘法 / mul. */
export function matchOps(query: string): RegisteredOp[] {
  const q = query.trim().toLowerCase();
  const ops = [...listOps()];
  if (!q) return ops;
  return ops.filter((op) => opSearchText(op).includes(q));
}

/** The double-click quick search: type, then Enter (or click) adds the first or chosen kind. */
export function QuickSearch({ x, y, onPick, onClose }: { x: number; y: number; onPick: (kind: string) => void; onClose: () => void }) {
  const { t } = useTranslation('palette');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchOps(query), [query]);
  return (
    <div className="quick-search" style={{ left: x, top: y }} data-testid="quick-search" onMouseDown={(e) => e.stopPropagation()}>
      <input
        autoFocus
        placeholder={t('quickSearch')}
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
          <li key={op.kind} className={i === active ? 'active' : ''} onMouseDown={() => onPick(op.kind)} title={opDescription(t, op)}>
            <strong>{opTitle(t, op)}</strong> <span>{t(`category.${op.category}`)}</span>
          </li>
        ))}
        {matches.length === 0 && <li className="none">{t('noMatch', { query })}</li>}
      </ul>
    </div>
  );
}
