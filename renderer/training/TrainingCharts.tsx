import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/number';
import { LiveChart } from '../panels/LossChart';
import type { Run } from '../panels/training-run';
import { smooth, thin } from './smooth';

export const TRAIN_COLOR = '#3b6fd8';
export const TEST_COLOR = '#d9534f';

/** The loss of every iteration (faint) with its smoothed line, and train/test accuracy per epoch. */
export function TrainingCharts({ run }: { run: Run }) {
  const { t } = useTranslation('training');
  const loss = useMemo(() => {
    const raw = thin(run.losses);
    const smoothed = thin(smooth(run.losses));
    return { x: raw.x, raw: raw.y, smoothed: smoothed.y };
  }, [run.losses]);
  const epochs = run.epochs;
  return (
    <div className="training-charts">
      <section className="card">
        {run.losses.length > 0 ? (
          <LiveChart
            title={t('chart.loss')}
            xLabel={t('chart.iteration')}
            yLabel={t('chart.lossAxis')}
            x={loss.x}
            testId="loss-chart"
            series={[
              { label: t('chart.raw'), color: '#b9c7e6', values: loss.raw, width: 1, keyless: true },
              { label: t('chart.smoothed'), color: TRAIN_COLOR, values: loss.smoothed, width: 2 },
            ]}
          />
        ) : (
          <Placeholder title={t('chart.loss')} text={t('chart.noLoss')} />
        )}
      </section>
      <section className="card">
        {epochs.length > 0 ? (
          <LiveChart
            title={t('chart.accuracy')}
            xLabel={t('chart.epoch')}
            yLabel={t('chart.accuracyAxis')}
            x={epochs.map((e) => e.epoch)}
            testId="accuracy-chart"
            showPoints={epochs.length < 30}
            series={[
              { label: t('chart.train'), color: TRAIN_COLOR, values: epochs.map((e) => e.trainAccuracy) },
              { label: t('chart.test'), color: TEST_COLOR, values: epochs.map((e) => e.testAccuracy) },
            ]}
          />
        ) : (
          <Placeholder title={t('chart.accuracy')} text={t('chart.noEpochs')} />
        )}
        {run.result && (
          <div className="training-result" data-testid="train-result">
            {t('result.line', {
              train: formatNumber(run.result.trainAccuracy),
              test: formatNumber(run.result.testAccuracy),
              iterations: formatNumber(run.result.iterations),
            })}
          </div>
        )}
      </section>
    </div>
  );
}

export function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <div className="placeholder">
      <h3>{title}</h3>
      <p>{text}</p>
    </div>
  );
}
