import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { canMarkConstant } from '../../app/explain/constants';
import type { RegisteredOp } from '../../app/ops/op';
import type { Tensor } from '../../app/tensor/tensor';
import { scalar } from '../../app/tensor/tensor';
import { formatShapeTex } from '../../app/tensor/format-shape';
import { opOrNull } from '../canvas/OpNode';
import { TensorView } from '../canvas/TensorView';
import type { GraphStore } from '../store/graph-store';
import { errorsAt } from '../store/plan-view';
import { useGraph } from '../store/store-context';
import { problemText } from '../format/problem-text';
import { opDescription, opTitle, paramHelp, paramLabel } from '../i18n/op-text';
import { Formula } from './Formula';
import { CompositeButtons } from '../explain/ContextMenu';
import { LocalNumbers } from '../explain/LocalNumbers';
import { substituteNumbers, texValue } from './formula-numbers';
import { ParamField } from './ParamField';

/** The selected node: its label, editable params, formulas, and the formulas with the last step's numbers. */
export function Inspector() {
  const { t } = useTranslation('inspector');
  const selectedId = useGraph((s) => {
    let found: string | null = null;
    for (const n of s.nodes) {
      if (!n.selected) continue;
      if (found) return null;
      found = n.id;
    }
    return found;
  });
  if (!selectedId) {
    return (
      <div className="inspector empty">
        <p>{t('empty')}</p>
        <p className="hint">{t('emptyHint')}</p>
      </div>
    );
  }
  return <NodeInspector key={selectedId} nodeId={selectedId} />;
}

const NodeInspector = memo(function NodeInspector({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation('inspector');
  const data = useGraph((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const { updateParam, updateLabel, setError } = useGraph(useShallow((s) => ({ updateParam: s.updateParam, updateLabel: s.updateLabel, setError: s.setError })));
  const errors = useGraph(useShallow((s) => errorsAt(s.plan, nodeId).map((e) => problemText(e, t, { omitNode: true }))));
  if (!data) return null;
  const op = opOrNull(data.kind);
  return (
    <div className="inspector" data-testid="inspector">
      <h2>{op ? opTitle(t, op) : data.kind}</h2>
      <p className="inspector-id">{nodeId}</p>
      {op && <p className="inspector-description">{opDescription(t, op)}</p>}
      {errors.map((m) => (
        <p key={m} className="inspector-error">
          {m}
        </p>
      ))}
      <label className="field">
        <span>{t('label')}</span>
        <LabelField value={data.label ?? ''} onCommit={(v) => updateLabel(nodeId, v)} />
      </label>
      {op && op.params.map((spec) => (
        <label className="field" key={spec.name} title={paramHelp(t, op, spec)}>
          <span>{paramLabel(t, op, spec)}</span>
          <ParamField spec={spec} label={paramLabel(t, op, spec)} value={data.params[spec.name] ?? spec.default} onCommit={(v) => updateParam(nodeId, spec.name, v)} onError={(m) => setError(m)} />
        </label>
      ))}
      {canMarkConstant(data.kind) && (
        <label className="field checkbox" title={t('constantHelp')}>
          <input type="checkbox" data-testid="param-constant" checked={data.params.constant === true} onChange={(e) => updateParam(nodeId, 'constant', e.target.checked)} />
          <span>{t('constant')}</span>
        </label>
      )}
      <CompositeButtons nodeId={nodeId} />
      {op && <Formulas op={op} nodeId={nodeId} />}
      {op && <LocalNumbers nodeId={nodeId} />}
      {op && <PortValues op={op} nodeId={nodeId} />}
    </div>
  );
});

function LabelField({ value, onCommit }: { value: string; onCommit: (v: string) => void }) {
  const { t } = useTranslation('inspector');
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <input data-testid="inspector-label" value={draft} placeholder={t('labelPlaceholder')} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
  );
}

interface PortTensors {
  values: Record<string, Tensor | undefined>;
  grads: Record<string, Tensor | undefined>;
}

/** The tensors at a node's ports after the last step: inputs through their edges, outputs from the node. */
function selectPortTensors(s: GraphStore, op: RegisteredOp, nodeId: string): PortTensors {
  const values: Record<string, Tensor | undefined> = {};
  const grads: Record<string, Tensor | undefined> = {};
  const { run } = s;
  for (const port of op.inputs) {
    const edge = s.edges.find((e) => e.target === nodeId && e.targetHandle === port);
    values[port] = edge ? run.edgeValues.get(edge.id) : undefined;
    grads[port] = edge ? run.edgeGrads.get(edge.id) : undefined;
  }
  for (const port of op.outputs) {
    values[port] = run.outputValues.get(nodeId)?.[port];
    grads[port] = run.outputGrads.get(nodeId)?.[port];
  }
  return { values, grads };
}

function Formulas({ op, nodeId }: { op: RegisteredOp; nodeId: string }) {
  const { t } = useTranslation('inspector');
  const ports = useGraph(useShallow((s) => flatten(selectPortTensors(s, op, nodeId))));
  const params = useGraph((s) => s.nodes.find((n) => n.id === nodeId)?.data.params);
  const { values, grads } = unflatten(ports);
  const numbers: Record<string, Tensor | undefined> = { ...values };
  // Params that appear in formulas by their one-letter symbol (the Scalar's v, the Output's g).
  if (params) {
    for (const [name, v] of Object.entries(params)) if (typeof v === 'number') numbers[name] = scalar(v);
    if (typeof params.value === 'number') numbers.v = scalar(params.value);
    if (typeof params.grad === 'number') numbers.g = scalar(params.grad);
  }
  // A source's formula with its own value put in teaches nothing; an operation's does.
  const hasNumbers = op.inputs.length > 0 && Object.values(values).some((v) => v !== undefined);
  const derivatives = Object.entries(op.formula.derivatives);
  // Numbers go into the formula only when every port holds one; a tensor's values are listed below.
  const allScalar = Object.values(values).every((v) => v === undefined || (v.data.length === 1 && v.shape.length <= 1));
  return (
    <section className="formulas">
      <h3>{t('forward')}</h3>
      <Formula tex={op.formula.forward} testId="formula-forward" />
      {derivatives.length > 0 && <h3>{t('localDerivatives')}</h3>}
      {derivatives.map(([port, tex]) => (
        <Formula key={port} tex={tex} testId={`formula-derivative-${port}`} />
      ))}
      {hasNumbers && (
        <>
          <h3>{t('withNumbers')}</h3>
          {allScalar && <Formula tex={substituteNumbers(op.formula.forward, numbers)} testId="formula-forward-numbers" />}
          {derivatives.map(([port, tex]) => (
            <div key={port}>
              {allScalar && <Formula tex={substituteNumbers(tex, numbers)} testId={`formula-derivative-numbers-${port}`} />}
              {grads[port] && <Formula tex={(allScalar && chainRuleTex(port, tex, numbers, grads)) || gradientTex(port, grads[port]!)} testId={`formula-gradient-${port}`} />}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/**
 * The chain rule with numbers, for a local derivative of the one output:
 * ∂L/∂x = ∂L/∂out · ∂out/∂x = 1.3 · 5 = 6.5.
 */
function chainRuleTex(port: string, derivative: string, numbers: Record<string, Tensor | undefined>, grads: Record<string, Tensor | undefined>): string | null {
  const upstream = grads.out;
  const grad = grads[port];
  if (!upstream || !grad || !derivative.startsWith('\\frac{\\partial out}')) return null;
  const local = substituteNumbers(derivative.slice(derivative.lastIndexOf('=') + 1).trim(), numbers);
  return `\\frac{\\partial L}{\\partial ${port}} = \\frac{\\partial L}{\\partial out} \\cdot \\frac{\\partial out}{\\partial ${port}} = ${texValue(upstream)} \\cdot ${local} = ${texValue(grad)}`;
}

/** The gradient that reached an input: its number, or for a tensor the space it lives in. */
function gradientTex(port: string, grad: Tensor): string {
  const lhs = `\\frac{\\partial L}{\\partial ${port}}`;
  if (grad.data.length === 1 && grad.shape.length <= 1) return `${lhs} = ${texValue(grad)}`;
  return `${lhs} \\in \\mathbb{R}^{${formatShapeTex(grad.shape)}}`;
}

function PortValues({ op, nodeId }: { op: RegisteredOp; nodeId: string }) {
  const { t } = useTranslation('inspector');
  const ports = useGraph(useShallow((s) => flatten(selectPortTensors(s, op, nodeId))));
  const entries = Object.entries(ports).filter(([, t]) => t !== undefined && t.data.length > 1);
  if (entries.length === 0) return null;
  return (
    <section className="port-values">
      <h3>{t('values')}</h3>
      {entries.map(([key, t]) => (
        <div key={key} className="port-value">
          <div className="port-value-name">{key.startsWith('grad:') ? `∂L/∂${key.slice(5)}` : key.slice(6)}</div>
          <TensorView tensor={t!} />
        </div>
      ))}
    </section>
  );
}

/** One flat record, so useShallow can compare it key by key. */
function flatten({ values, grads }: PortTensors): Record<string, Tensor | undefined> {
  const out: Record<string, Tensor | undefined> = {};
  for (const [k, v] of Object.entries(values)) out[`value:${k}`] = v;
  for (const [k, v] of Object.entries(grads)) out[`grad:${k}`] = v;
  return out;
}

function unflatten(flat: Record<string, Tensor | undefined>): PortTensors {
  const values: Record<string, Tensor | undefined> = {};
  const grads: Record<string, Tensor | undefined> = {};
  for (const [k, v] of Object.entries(flat)) {
    if (k.startsWith('value:')) values[k.slice(6)] = v;
    else grads[k.slice(5)] = v;
  }
  return { values, grads };
}
