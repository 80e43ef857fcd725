import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../app/i18n/messages';
import { messageText } from '../format/message-text';
import { exampleLabel } from '../format/example-words';
import type { GradcheckReport, GradcheckJob } from '../../app/explain/gradcheck-report';
import { numberText } from '../../app/explain/numbers';
import { formatShape } from '../../app/tensor/format-shape';
import { mnistRequestFromParams } from '../../app/ops/mnist-batch';
import { documentOf } from '../store/document-transitions';
import { useApi, useGraphStoreApi } from '../store/store-context';
import { TableHead } from '../panels/TableHead';
import { runGradcheckInWorker } from './run-gradcheck';

const sci = (x: number) => (Number.isNaN(x) ? 'NaN' : x === 0 ? '0' : x.toExponential(1).replace('e+', 'e').replace('-', '−'));

/** The toolbar's Gradient check: backprop against the numerical gradient for every source, the chapter's reading beside it. */
export function GradcheckButton() {
  const { t } = useTranslation('gradcheck');
  const store = useGraphStoreApi();
  const api = useApi();
  const [state, setState] = useState<{ running: boolean; report: GradcheckReport | null }>({ running: false, report: null });

  const start = async () => {
    // A graph that cannot run says what is wrong with it, as the canvas does, in the page's language.
    const problem = store.getState().plan.errors[0];
    if (problem) {
      setState({ running: false, report: { ok: false, message: problem.message, code: problem.code, params: problem.params } });
      return;
    }
    setState({ running: true, report: null });
    const document = documentOf(store.getState());
    const batches: NonNullable<GradcheckJob['batches']>[number][] = [];
    try {
      for (const n of document.nodes) {
        if (n.kind !== 'MnistBatch') continue;
        const request = mnistRequestFromParams(n.params);
        const batch = await api.mnistBatch(request);
        batches.push({ request, x: batch.x, t: batch.t });
      }
    } catch (e) {
      setState({ running: false, report: { ok: false, ...messageOf(e) } });
      return;
    }
    const job: GradcheckJob = { document, batches };
    setState({ running: false, report: await runGradcheckInWorker(job) });
  };

  return (
    <>
      <button className="tool" data-testid="gradcheck-button" disabled={state.running} onClick={() => void start()} title={t('hint')}>
        {state.running ? t('running') : t('button')}
      </button>
      {state.report && <GradcheckResult report={state.report} onClose={() => setState({ running: false, report: null })} />}
    </>
  );
}

function GradcheckResult({ report, onClose }: { report: GradcheckReport; onClose: () => void }) {
  const { t } = useTranslation('gradcheck');
  return (
    <section className="gradcheck-result" data-testid="gradcheck-result" data-ok={report.ok}>
      <header>
        <h3>{t('title')}</h3>
        <button className="explain-close" data-testid="gradcheck-close" onClick={onClose} title={t('close')}>
          ×
        </button>
      </header>
      {!report.ok ? (
        <p className="gradcheck-error" data-testid="gradcheck-error">{t('failed', { message: messageText(t, report) })}</p>
      ) : (
        <>
          <p>{t('intro')}</p>
          <table>
            <TableHead labels={[t('source'), t('shape'), t('checked'), t('backprop'), t('numerical'), t('meanDiff'), t('maxRel'), t('reading')]} />
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.nodeId} data-testid={`gradcheck-row-${r.nodeId}`} data-max-rel-error={r.maxRelError} data-mean-abs-diff={r.meanAbsDiff} className={`reading-${r.reading}`}>
                  <td>{r.label ? exampleLabel(t, r.label) : r.nodeId}</td>
                  <td>{formatShape(r.shape, t('canvas:scalarShape'))}</td>
                  <td>{r.checked === r.total ? t('all') : t('sampled', { checked: r.checked, total: r.total })}</td>
                  <td>{r.backprop.map((v) => numberText(v, 4)).join(', ')}</td>
                  <td>{r.numerical.map((v) => numberText(v, 4)).join(', ')}</td>
                  <td>{sci(r.meanAbsDiff)}</td>
                  <td>{sci(r.maxRelError)}</td>
                  <td>{t(`verdict.${r.reading}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="gradcheck-note">{t('chapterReading')}</p>
        </>
      )}
    </section>
  );
}
