import { useTranslation } from 'react-i18next';
import { useGraph } from '../store/store-context';
import { printsInFull } from '../../app/explain/tensor-label';

/** Says what "3×784 [0 … 1]" on an edge means, whenever an edge shows a tensor too big to print in full. */
export function TensorLegend() {
  const { t } = useTranslation('explain');
  const summarized = useGraph((s) => {
    for (const v of [...s.run.edgeValues.values(), ...s.run.edgeGrads.values()]) if (!printsInFull(v)) return true;
    return false;
  });
  if (!summarized) return null;
  return (
    <div className="tensor-legend" data-testid="tensor-legend">
      {t('legend')}
    </div>
  );
}
