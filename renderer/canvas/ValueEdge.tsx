import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps } from '@xyflow/react';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tensor } from '../../app/tensor/tensor';
import { isConstantEdge } from '../../app/explain/constants';
import { tensorLabelLines } from '../../app/explain/tensor-label';
import { useNumericWarning } from '../explain/numeric-warning';
import type { FlowEdge } from '../store/flow-document';
import { useGraph } from '../store/store-context';
import { placeLabel, type Rect } from './label-placement';
import { TensorView } from './TensorView';

/** Below this zoom, edge labels stop shrinking: they stay as large on screen as at this zoom. */
const READABLE_ZOOM = 0.9;

type FlowNodeBox = { position: { x: number; y: number }; measured?: { width?: number; height?: number } };
const sameBoxes = (a: readonly Rect[], b: readonly Rect[]) =>
  a.length === b.length && a.every((r, i) => r.x === b[i].x && r.y === b[i].y && r.width === b[i].width && r.height === b[i].height);

// The nodes' boxes in flow coordinates, for labels to keep clear of: built once per change of the
// flow's nodes for all edges (not once per edge), and the same array while no node moves or
// resizes, so each edge's subscription compares one reference.
let boxesOf: readonly FlowNodeBox[] | null = null;
let boxes: readonly Rect[] = [];
function nodeBoxes(nodes: readonly FlowNodeBox[]): readonly Rect[] {
  if (nodes === boxesOf) return boxes;
  boxesOf = nodes;
  const next = nodes.map((n) => ({ x: n.position.x, y: n.position.y, width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }));
  if (!sameBoxes(next, boxes)) boxes = next;
  return boxes;
}

/**
 * An edge with the forward value above it and the gradient flowing back below it, both at the point
 * of the edge nearest its middle where they cover no node.
 */
export const ValueEdge = memo(function ValueEdge(props: EdgeProps<FlowEdge>) {
  const { t } = useTranslation('canvas');
  const { id, source, target, sourceHandleId, targetHandleId, selected, markerEnd, style } = props;
  const [path, middleX, middleY] = getBezierPath(props);
  const value = useGraph((s) => s.run.edgeValues.get(id));
  const grad = useGraph((s) => s.run.edgeGrads.get(id));
  const invalid = useGraph((s) => s.plan.errors.some((e) => e.edgeId === id));
  const constant = useGraph((s) => !s.showConstantGradients && isConstantEdge(s.plan, id));
  const highlighted = useGraph((s) => s.highlightedEdgeIds.includes(id));
  const explained = useGraph((s) => s.explainEdgeId === id);
  const hoverEdge = useGraph((s) => s.hoverEdge);
  const numeric = useNumericWarning()?.edgeIds.includes(id) ?? false;
  // Labels and popovers keep at least the size they have at this zoom, however far the view zooms out.
  const zoom = useStore((s) => s.transform[2]);
  const scale = zoom < READABLE_ZOOM ? READABLE_ZOOM / zoom : 1;
  const [hovered, setHovered] = useState<'value' | 'grad' | null>(null);
  // A matrix shows one row a line (white-space: pre), the gradient's rows under its first after "∂ ".
  const valueText = useMemo(() => (value ? tensorLabelLines(value).join('\n') : ''), [value]);
  const gradText = useMemo(() => (grad && !constant ? `∂ ${tensorLabelLines(grad).join('\n  ')}` : ''), [grad, constant]);
  const nodes = useStore((s) => nodeBoxes(s.nodes));
  const labelsRef = useRef<HTMLDivElement>(null);
  // The labels' own size (before the zoom), measured once their text is in.
  const [labelSize, setLabelSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = labelsRef.current;
    if (el && (el.offsetWidth !== labelSize.width || el.offsetHeight !== labelSize.height)) setLabelSize({ width: el.offsetWidth, height: el.offsetHeight });
  }, [valueText, gradText, labelSize]);
  const { x: labelX, y: labelY } = useMemo(
    () => (valueText || gradText ? placeLabel(path, { x: middleX, y: middleY }, { width: labelSize.width * scale, height: labelSize.height * scale }, nodes) : { x: middleX, y: middleY }),
    [path, middleX, middleY, labelSize, scale, nodes, valueText, gradText],
  );
  const ends = {
    'data-source': source,
    'data-source-handle': sourceHandleId ?? '',
    'data-target': target,
    'data-target-handle': targetHandleId ?? '',
  };
  const shownGrad = constant ? undefined : grad;
  const shown: Tensor | undefined = hovered === 'grad' ? shownGrad : hovered === 'value' ? value : selected ? (value ?? shownGrad) : undefined;
  const showsGrad = hovered === 'grad' || (!hovered && selected && !value && !!grad);

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={style}
        className={`value-edge${invalid ? ' invalid' : ''}${shownGrad ? ' has-grad' : ''}${highlighted ? ' highlighted' : ''}${explained ? ' explained' : ''}${numeric ? ' numeric-bad' : ''}`}
      />
      <EdgeLabelRenderer>
        <div
          ref={labelsRef}
          className={`edge-labels nodrag nopan${numeric ? ' numeric-bad' : ''}${highlighted ? ' highlighted' : ''}`}
          data-testid={`edge-labels-${id}`}
          data-constant={constant || undefined}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px) scale(${scale})` }}
          onMouseEnter={() => hoverEdge(id)}
          onMouseLeave={() => hoverEdge(null)}
        >
          {(['value', 'grad'] as const).map((which) => {
            const text = which === 'value' ? valueText : gradText;
            return (
              <div
                key={which}
                className={`edge-${which}${text ? '' : ' empty'}`}
                data-testid={`edge-${which}-${id}`}
                {...ends}
                onMouseEnter={() => setHovered(which)}
                onMouseLeave={() => setHovered(null)}
              >
                {text}
              </div>
            );
          })}
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
