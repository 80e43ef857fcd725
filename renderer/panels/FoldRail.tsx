/** A folded side panel: a narrow strip with the panel's name written down it; a click unfolds it. */
export function FoldRail({ label, hint, side, testId, onUnfold }: { label: string; hint: string; side: 'left' | 'right'; testId: string; onUnfold: () => void }) {
  return (
    <button className={`fold-rail ${side}`} data-testid={testId} onClick={onUnfold} title={hint} aria-label={hint}>
      <span aria-hidden>{side === 'left' ? '›' : '‹'}</span>
      <span className="fold-rail-label">{label}</span>
    </button>
  );
}

/** The small button that folds a panel back into its rail. */
export function FoldButton({ hint, side, testId, onFold }: { hint: string; side: 'left' | 'right'; testId: string; onFold: () => void }) {
  return (
    <button className="fold-button" data-testid={testId} onClick={onFold} title={hint} aria-label={hint}>
      {side === 'left' ? '‹' : '›'}
    </button>
  );
}
