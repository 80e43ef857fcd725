import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { orderPosition } from '../../app/graph/compile';
import { getOp, hasOp } from '../../app/ops/registry';
import type { RegisteredOp } from '../../app/ops/op';
import { exampleLabel } from '../format/example-words';
import { problemText } from '../format/problem-text';
import { formatNumber } from '../../app/tensor/format-number';
import { formatShape } from '../../app/tensor/format-shape';
import { opDescription, opTitle } from '../i18n/op-text';
import type { FlowNode } from '../store/flow-document';
import { errorsAt, portShape } from '../store/plan-view';
import { useGraph } from '../store/store-context';
import { useNumericWarning } from '../explain/numeric-warning';
import { SoftmaxY } from '../explain/SoftmaxOutput';

export function opOrNull(kind: string): RegisteredOp | null {
  return hasOp(kind) ? getOp(kind) : null;
}

/** One component for every kind: ports, title and badges all come from the registry and the plan. */
export const OpNode = memo(function OpNode({ id, data, selected }: NodeProps<FlowNode>) {
  const { t } = useTranslation('canvas');
  const op = opOrNull(data.kind);
  const inputs = op?.inputs ?? [];
  const outputs = op?.outputs ?? [];
  const order = useGraph((s) => orderPosition(s.plan, id));
  // The badge sits on the node, so a message's leading "Mul mul-2: " would only repeat it.
  const errors = useGraph(useShallow((s) => errorsAt(s.plan, id).map((e) => problemText(e, t, { omitNode: true }))));
  const shape = useGraph((s) => {
    const port = outputs[0] ?? inputs[0];
    const found = port ? portShape(s.plan, id, port) : undefined;
    return found ? formatShape(found, t('scalarShape')) : null;
  });
  const current = useGraph((s) => s.run.currentNodeId === id);
  const numeric = useNumericWarning()?.nodeIds.includes(id) ?? false;
  const trained = useGraph((s) => s.tensors?.[id] !== undefined);
  const summary = trained ? t('trainedWeights') : paramSummary(t, data.kind, data.params);
  const rows = Math.max(inputs.length, outputs.length, 1);

  const classes = ['op-node', `cat-${op?.category ?? 'unknown'}`];
  if (selected) classes.push('selected');
  if (current) classes.push('current');
  if (errors.length > 0) classes.push('invalid');
  if (numeric) classes.push('numeric-bad');

  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-kind={data.kind} title={op ? opDescription(t, op) : undefined}>
      <div className="op-node-head">
        {order >= 0 && <span className="op-node-order" title={t('order')}>{order + 1}</span>}
        <span className="op-node-title">{op ? opTitle(t, op) : data.kind}</span>
        {shape && <span className="op-node-shape" title={t('outputShape')}>{shape}</span>}
      </div>
      {data.label && <div className="op-node-label">{exampleLabel(t, data.label)}</div>}
      {summary && <div className="op-node-summary">{summary}</div>}
      {data.kind === 'SoftmaxWithLoss' && <SoftmaxY nodeId={id} />}
      <div className="op-node-ports" style={{ minHeight: rows * 22 }}>
        <div className="op-node-inputs">
          {inputs.map((port) => (
            <div className="op-port op-port-in" key={port}>
              <Handle type="target" position={Position.Left} id={port} className="op-handle" />
              <span>{port}</span>
            </div>
          ))}
        </div>
        <div className="op-node-outputs">
          {outputs.map((port) => (
            <div className="op-port op-port-out" key={port}>
              <span>{port}</span>
              <Handle type="source" position={Position.Right} id={port} className="op-handle" />
            </div>
          ))}
        </div>
      </div>
      {errors.length > 0 && (
        <div className="op-node-error" data-testid={`error-badge-${id}`}>
          {errors.map((m) => (
            <div key={m}>{m}</div>
          ))}
        </div>
      )}
    </div>
  );
});

/** The parameter a learner most wants to see on the node itself. */
function paramSummary(t: TFunction, kind: string, params: Record<string, unknown>): string | null {
  if (kind === 'Scalar' && typeof params.value === 'number') return formatNumber(params.value);
  if (kind === 'Output' && typeof params.grad === 'number') return t('summary.upstream', { value: formatNumber(params.grad) });
  if (kind === 'MnistBatch') {
    const split = typeof params.split === 'string' ? params.split : 'train';
    const idx = params.indices;
    if (Array.isArray(idx) && idx.length > 0) return t('summary.images', { split: t(`summary.split.${split}`, { defaultValue: split }), count: idx.length });
    return t('summary.batch', { split: t(`summary.split.${split}`, { defaultValue: split }), size: String(params.batchSize ?? '?') });
  }
  if (kind === 'Parameter') {
    const init = params.init ?? params.initializer;
    return typeof init === 'string' ? t('summary.init', { init }) : null;
  }
  if (kind === 'Tensor') {
    const v = params.value ?? params.values;
    if (Array.isArray(v)) return Array.isArray(v[0]) ? t('summary.matrix', { rows: v.length, cols: (v[0] as unknown[]).length }) : `(${v.map((x) => formatNumber(Number(x))).join(', ')})`;
  }
  return null;
}
