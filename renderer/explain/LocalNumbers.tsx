import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { workedLocalAt } from '../../app/explain/explain-edge';
import { numberText } from '../../app/explain/numbers';
import { tensorRule } from '../../app/explain/tensor-rule';
import { createJsBackend } from '../../app/tensor/js-backend';
import { allocate } from '../../app/tensor/tensor';
import { TensorView } from '../canvas/TensorView';
import { Formula } from '../panels/Formula';
import { useGraph, useGraphStoreApi } from '../store/store-context';
import { useSoftmaxY } from './SoftmaxOutput';

const backend = createJsBackend('float64');

/**
 * The inspector's "with the numbers" for every op: each input's local derivative worked out
 * (Sigmoid's 0.731 × (1 − 0.731) = 0.197), or for tensors the rule at the level of shapes with its
 * first element worked out; Softmax-with-Loss shows y, t and (y − t)/N.
 */
export function LocalNumbers({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation('explain');
  const { plan, executor, run } = useGraph(useShallow((s) => ({ plan: s.plan, executor: s.executor, run: s.run })));
  const pn = plan.nodes.get(nodeId);
  const rows = useMemo(() => {
    if (!pn?.op || !executor) return [];
    return pn.op.inputs.flatMap((port) => {
      const edge = pn.inputEdges[port];
      if (!edge) return [];
      const local = workedLocalAt(plan, executor, backend, nodeId, port);
      const rule = local ? undefined : tensorRule(plan, executor, edge.id, t('canvas:scalarShape'));
      const grad = executor.edgeGrad(edge.id);
      return [{ port, edgeId: edge.id, local, rule, grad }];
    });
  }, [pn, plan, executor, run, nodeId, t]);
  if (!pn?.op || rows.length === 0) return null;
  return (
    <section className="local-numbers" data-testid="local-numbers">
      <h3>{t('localNumbers')}</h3>
      {rows.map(({ port, edgeId, local, rule, grad }) => (
        <div key={port} className="local-number" data-testid={`local-numbers-${port}`}>
          {local && (
            <>
              <Formula tex={`\\frac{\\partial out}{\\partial ${port}} = ${local.worked.ruleTex}`} />
              <div className="explain-product">= {local.worked.worked}</div>
              {grad && grad.data.length === 1 && (
                <div className="explain-product">
                  ∂L/∂{port} = ∂L/∂out × {numberText(local.value)} = {numberText(grad.data[0])}
                </div>
              )}
            </>
          )}
          {rule && (
            <>
              <Formula tex={rule.tex} />
              <div className="explain-shapes">{rule.shapes}</div>
              <div className="explain-element">
                {rule.element(0).at}: {rule.element(0).terms.join(' + ')}
                {rule.element(0).moreTerms > 0 ? ` + … ${t('moreTerms', { count: rule.element(0).moreTerms })}` : ''} = {numberText(rule.element(0).value)}
              </div>
            </>
          )}
          <ExplainLink edgeId={edgeId} />
        </div>
      ))}
      {pn.node.kind === 'SoftmaxWithLoss' && <SoftmaxWithLossValues nodeId={nodeId} />}
    </section>
  );
}

function ExplainLink({ edgeId }: { edgeId: string }) {
  const { t } = useTranslation('explain');
  const store = useGraphStoreApi();
  return (
    <button className="link-button" data-testid={`inspector-explain-${edgeId}`} onClick={() => store.getState().explain(edgeId)}>
      {t('menu.explain')}
    </button>
  );
}

/** The heart of the lesson: y, the labels t, and the gradient (y − t)/N with their numbers. */
function SoftmaxWithLossValues({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation('explain');
  const y = useSoftmaxY(nodeId);
  const labels = useGraph((s) => {
    const edge = s.edges.find((e) => e.target === nodeId && e.targetHandle === 't');
    return edge ? s.run.edgeValues.get(edge.id) : undefined;
  });
  const gradient = useMemo(() => {
    if (!y || !labels || y.data.length !== labels.data.length) return undefined;
    const n = labels.shape.length === 2 ? labels.shape[0] : 1;
    const g = allocate(y.shape, 'float64');
    for (let i = 0; i < g.data.length; i++) g.data[i] = (y.data[i] - labels.data[i]) / n;
    return { g, n };
  }, [y, labels]);
  if (!y) return null;
  return (
    <div className="swl-values">
      <h3>{t('softmaxY')}</h3>
      <div data-testid="swl-y">
        <TensorView tensor={y} />
      </div>
      {labels && (
        <>
          <h3>{t('labelsT')}</h3>
          <div data-testid="swl-t">
            <TensorView tensor={labels} />
          </div>
        </>
      )}
      {gradient && (
        <>
          <h3>{t('yMinusT', { n: gradient.n })}</h3>
          <div data-testid="swl-grad">
            <TensorView tensor={gradient.g} />
          </div>
        </>
      )}
    </div>
  );
}
