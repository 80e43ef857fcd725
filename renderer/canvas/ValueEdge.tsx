import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tensor } from '../../app/tensor/tensor';
import { summarizeTensor } from '../format/number';
import type { FlowEdge } from '../store/flow-document';
import { useGraph } from '../store/store-context';
import { TensorView } from './TensorView';

/** An edge with the forward value above its middle and the gradient flowing back below it. */
export const ValueEdge = memo(function ValueEdge(props: EdgeProps<FlowEdge>) {
  const { t } = useTranslation('canvas');
  const { id, source, target, sourceHandleId, targetHandleId, selected, markerEnd, style } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const value = useGraph((s) => s.run.edgeValues.get(id));
  const grad = useGraph((s) => s.run.edgeGrads.get(id));
  const invalid = useGraph((s) => s.plan.errors.some((e) => e.edgeId === id));
  const [hovered, setHovered] = useState<'value' | 'grad' | null>(null);
  const valueText = useMemo(() => (value ? summarizeTensor(value) : ''), [value]);
  const gradText = useMemo(() => (grad ? `∂ ${summarizeTensor(grad)}` : ''), [grad]);
  const ends = {
    'data-source': source,
    'data-source-handle': sourceHandleId ?? '',
    'data-target': target,
    'data-target-handle': targetHandleId ?? '',
  };
  const shown: Tensor | undefined = hovered === 'grad' ? grad : hovered === 'value' ? value : selected ? (value ?? grad) : undefined;
  const showsGrad = hovered === 'grad' || (!hovered && selected && !value && !!grad);

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} className={`value-edge${invalid ? ' invalid' : ''}${grad ? ' has-grad' : ''}`} />
      <EdgeLabelRenderer>
        <div className="edge-labels nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
          <div
            className={`edge-value${valueText ? '' : ' empty'}`}
            data-testid={`edge-value-${id}`}
            {...ends}
            onMouseEnter={() => setHovered('value')}
            onMouseLeave={() => setHovered(null)}
          >
            {valueText}
          </div>
          <div
            className={`edge-grad${gradText ? '' : ' empty'}`}
            data-testid={`edge-grad-${id}`}
            {...ends}
            onMouseEnter={() => setHovered('grad')}
            onMouseLeave={() => setHovered(null)}
          >
            {gradText}
          </div>
          {shown && shown.data.length > 1 && (
            <div className={`edge-popover${showsGrad ? ' grad' : ''}`}>
              <div className="edge-popover-title">{showsGrad ? t('gradient') : t('value')}</div>
              <TensorView tensor={shown} />
            </div>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
