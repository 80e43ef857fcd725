import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exampleLabel } from '../format/example-words';
import { useShallow } from 'zustand/react/shallow';
import { explainEdge, type ChainFactor, type EdgeExplanation, type ExplainedPath } from '../../app/explain/explain-edge';
import { texText } from '../../app/explain/names';
import { numberText, productText, sumText } from '../../app/explain/numbers';
import { tensorLabel } from '../../app/explain/tensor-label';
import { tensorRule } from '../../app/explain/tensor-rule';
import { createJsBackend } from '../../app/tensor/js-backend';
import { TensorView } from '../canvas/TensorView';
import { Formula } from '../panels/Formula';
import { useGraph } from '../store/store-context';

const backend = createJsBackend('float64');

/** A value's name in the formulas: an example's label in the UI language, as on the canvas. */
type Say = (name: string) => string;
const fraction = (f: ChainFactor, say: Say) => `\\frac{\\partial ${texText(say(f.numerator))}}{\\partial ${texText(say(f.denominator))}}`;
const chainTex = (p: ExplainedPath, say: Say) => p.factors.map((f) => fraction(f, say)).join(' \\cdot ');

/** "Why this gradient?": the chain rule on the explained edge, path by path, with the numbers. */
export function ExplainPanel() {
  const { t } = useTranslation('explain');
  const { edgeId, plan, executor, run, explain, highlight } = useGraph(
    useShallow((s) => ({ edgeId: s.explainEdgeId, plan: s.plan, executor: s.executor, run: s.run, explain: s.explain, highlight: s.highlight })),
  );
  const result = useMemo(() => (edgeId && executor ? explainEdge(plan, executor, backend, edgeId) : null), [edgeId, plan, executor, run]);
  if (!edgeId) return null;
  const edge = plan.edges.get(edgeId);
  const close = (
    <button className="explain-close" data-testid="explain-close" onClick={() => explain(null)} title={t('close')}>
      ×
    </button>
  );
  if (!edge) return null;
  const nameOf = (id: string) => {
    const label = plan.nodes.get(id)?.node.label;
    return label ? exampleLabel(t, label) : id;
  };
  if (!result || !result.ok) {
    const waiting = result && !result.ok && result.nodeId ? nameOf(result.nodeId) : undefined;
    return (
      <section className="explain-panel" data-testid="explain-panel">
        <header>
          <h3>{t('title')}</h3>
          {close}
        </header>
        <p>{waiting ? t('notComputed', { node: waiting }) : t('runFirst')}</p>
      </section>
    );
  }
  const e = result.explanation;
  return (
    <section className="explain-panel" data-testid="explain-panel" data-edge={edgeId}>
      <header>
        <h3>{t('title')}</h3>
        {close}
      </header>
      <Formula tex={`\\frac{\\partial L}{\\partial ${texText(exampleLabel(t, e.valueName))}}`} />
      <p className="explain-intro">{e.totalPaths === 1 ? t('onePath') : t('manyPaths', { count: e.totalPaths })}</p>
      {e.totalPaths === 0 && <p>{t('noPath')}</p>}
      <ol className="explain-paths">
        {e.paths.map((p, i) => (
          <PathItem key={p.edgeIds.join()} path={p} index={i + 1} scalar={e.scalar} nameOf={nameOf} onHover={(on) => highlight(on ? p.edgeIds : [])} />
        ))}
      </ol>
      {e.paths.length < e.totalPaths && <p className="explain-note">{t('cut', { shown: e.paths.length, count: e.totalPaths })}</p>}
      {e.scalar && e.paths.length > 1 && e.sum && (
        <p className="explain-sum" data-testid="explain-sum">
          {t('sum')} {sumText(e.paths.map((p) => p.contribution.data[0]), e.sum.data[0])}
        </p>
      )}
      {!e.scalar && <TensorSection explanation={e} />}
      {e.gradient && (
        <p className="explain-check" data-testid="explain-check">
          {t('matches', { value: tensorLabel(e.gradient) })}
        </p>
      )}
    </section>
  );
}

const PathItem = memo(function PathItem({ path, index, scalar, nameOf, onHover }: { path: ExplainedPath; index: number; scalar: boolean; nameOf: (id: string) => string; onHover: (on: boolean) => void }) {
  const { t } = useTranslation('explain');
  const route = [...path.nodeIds].reverse().map(nameOf).join(' ← ');
  const worked = path.factors.filter((f) => f.worked && f.kind !== 'Add' && f.kind !== 'Output' && f.kind !== 'Mul');
  return (
    <li className="explain-path" data-testid={`explain-path-${index}`} onMouseEnter={() => onHover(true)} onMouseLeave={() => onHover(false)}>
      <div className="explain-route">
        {t('path', { n: index })}: {route}
      </div>
      <Formula tex={chainTex(path, (name) => exampleLabel(t, name))} />
      {scalar ? (
        <div className="explain-product" data-testid={`explain-product-${index}`}>
          {productText(path.factors.map((f) => f.value!), path.contribution.data[0])}
        </div>
      ) : (
        <div className="explain-product">{t('contribution', { value: tensorLabel(path.contribution) })}</div>
      )}
      {worked.map((f) => (
        <div className="explain-local" key={f.nodeId}>
          {nameOf(f.nodeId)}: <Formula tex={f.worked!.ruleTex} /> = {f.worked!.worked}
        </div>
      ))}
    </li>
  );
});

/** The rule at the level of shapes, and one element of the gradient worked out; a click on the table picks it. */
function TensorSection({ explanation }: { explanation: EdgeExplanation }) {
  const { t } = useTranslation('explain');
  const { plan, executor, run } = useGraph(useShallow((s) => ({ plan: s.plan, executor: s.executor, run: s.run })));
  const [picked, setPicked] = useState(0);
  const rule = useMemo(() => (executor ? tensorRule(plan, executor, explanation.edgeId, t('canvas:scalarShape')) : undefined), [plan, executor, run, explanation.edgeId, t]);
  const gradient = explanation.gradient;
  if (!rule || !gradient) return <p className="explain-note">{t('ruleAfterBackward')}</p>;
  const index = Math.min(picked, gradient.data.length - 1);
  const element = rule.element(index);
  return (
    <div className="explain-tensor" data-testid="explain-rule">
      <h4>{t('atShapes')}</h4>
      <Formula tex={rule.tex} />
      <div className="explain-shapes" data-testid="explain-shapes">{rule.shapes}</div>
      <h4>{t('oneElement', { at: element.at })}</h4>
      <div className="explain-element" data-testid="explain-element">
        {element.terms.join(' + ')}
        {element.moreTerms > 0 ? ` + … ${t('moreTerms', { count: element.moreTerms })}` : ''} = {numberText(element.value)}
      </div>
      <p className="explain-note">{t('pickElement')}</p>
      <TensorView tensor={gradient} onPick={setPicked} picked={index} />
    </div>
  );
}
