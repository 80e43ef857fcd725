import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MNIST_SPLIT_SIZES } from '../../app/mnist';
import { iterationsPerEpoch } from '../../app/train/trainer';
import { formatNumber } from '../../app/tensor/format-number';
import { LiveChart, type LiveChartProps } from '../panels/LossChart';
import type { Run } from '../panels/training-run';
import { smooth, thin } from './smooth';

export const TRAIN_COLOR = '#3b6fd8';
export const TEST_COLOR = '#d9534f';

/**
 * The loss of every iteration (faint) with its smoothed line, and train/test accuracy per epoch. The
 * charts exist before a run has data (a note says what will appear), so that building them — a forced
 * layout of the page among other things — is not part of a frame during the run.
 */
export function TrainingCharts({ run }: { run: Run }) {
  const { t } = useTranslation('training');
  const loss = useMemo(() => {
    const raw = thin(run.losses);
    const smoothed = thin(smooth(run.losses));
    return { x: raw.x, raw: raw.y, smoothed: smoothed.y };
  }, [run.losses]);
  const accuracy = useMemo(() => accuracyPoints(run), [run.epochs, run.result, run.options]);
  const lossSeries = [
    { label: t('chart.raw'), color: '#b9c7e6', values: loss.raw, width: 1, keyless: true },
    { label: t('chart.smoothed'), color: TRAIN_COLOR, values: loss.smoothed, width: 2 },
  ];
  const accuracySeries = [
    { label: t('chart.train'), color: TRAIN_COLOR, values: accuracy.train },
    { label: t('chart.test'), color: TEST_COLOR, values: accuracy.test },
  ];
  return (
    <div className="training-charts">
      <ChartCard title={t('chart.loss')} xLabel={t('chart.iteration')} yLabel={t('chart.lossAxis')} x={loss.x} series={lossSeries} testId="loss-chart" emptyNote={t('chart.noLoss')} />
      <ChartCard title={t('chart.accuracy')} xLabel={t('chart.epoch')} yLabel={t('chart.accuracyAxis')} x={accuracy.x} series={accuracySeries} testId="accuracy-chart" emptyNote={t('chart.noEpochs')} showPoints={accuracy.x.length < 30}>
        {run.result && (
          <div className="training-result" data-testid="train-result">
            {t('result.line', {
              train: formatNumber(run.result.trainAccuracy),
              test: formatNumber(run.result.testAccuracy),
              iterations: formatNumber(run.result.iterations),
            })}
          </div>
        )}
      </ChartCard>
    </div>
  );
}

/** A chart in its card, with a note over it saying what will appear until the first point arrives. */
function ChartCard({ emptyNote, children, ...chart }: LiveChartProps & { emptyNote: string; children?: ReactNode }) {
  return (
    <section className="card chart-card">
      <LiveChart {...chart} />
      {chart.x.length === 0 && <p className="chart-empty">{emptyNote}</p>}
      {children}
    </section>
  );
}

/**
 * Accuracy against epochs trained (the chapter measures before each epoch's first update, so epoch k
 * sits at k − 1), and the final accuracies at the run's end: the chart's last point and its key are
 * the numbers of the result line.
 */
export function accuracyPoints(run: Run): { x: number[]; train: number[]; test: number[] } {
  const perEpoch = iterationsPerEpoch(MNIST_SPLIT_SIZES.train, run.options?.batchSize ?? 100);
  const x = run.epochs.map((e) => (e.iteration - 1) / perEpoch);
  const train = run.epochs.map((e) => e.trainAccuracy);
  const test = run.epochs.map((e) => e.testAccuracy);
  if (run.result) {
    x.push(run.result.iterations / perEpoch);
    train.push(run.result.trainAccuracy);
    test.push(run.result.testAccuracy);
  }
  return { x, train, test };
}

export function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <div className="placeholder">
      <h3>{title}</h3>
      <p>{text}</p>
    </div>
  );
}
