import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OP_CATEGORIES, type RegisteredOp } from '../../app/ops/op';
import { PALETTE_MIME } from '../canvas/Canvas';
import { matchOps } from '../canvas/QuickSearch';
import { opDescription, opTitle } from '../i18n/op-text';
import { useGraph } from '../store/store-context';

/** Every kind in the registry, grouped; drag one onto the canvas, or double-click it to add it in view. */
export function Palette() {
  const { t } = useTranslation('palette');
  const [query, setQuery] = useState('');
  const matches = useMemo(() => matchOps(query), [query]);
  const addNode = useGraph((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();

  const addInView = (op: RegisteredOp) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: 400, y: 300 };
    addNode(op.kind, screenToFlowPosition(centre));
  };

  return (
    <aside className="palette">
      <input className="palette-search" placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="palette-search" />
      {OP_CATEGORIES.map((category) => {
        const ops = matches.filter((op) => op.category === category);
        if (ops.length === 0) return null;
        return (
          <section key={category} className="palette-group">
            <h3>{t(`category.${category}`)}</h3>
            {ops.map((op) => (
              <div
                key={op.kind}
                className={`palette-item cat-${op.category}`}
                data-testid={`palette-item-${op.kind}`}
                draggable
                title={t('itemHint', { description: opDescription(t, op) })}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, op.kind);
                  e.dataTransfer.setData('text/plain', op.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onDoubleClick={() => addInView(op)}
              >
                <span className="palette-item-title">{opTitle(t, op)}</span>
                <span className="palette-item-ports">
                  {op.inputs.join(', ') || '—'} → {op.outputs.join(', ') || '—'}
                </span>
              </div>
            ))}
          </section>
        );
      })}
      {matches.length === 0 && <p className="palette-empty">{t('noMatch', { query })}</p>}
    </aside>
  );
}
