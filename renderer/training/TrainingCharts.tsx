import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MNIST_SPLIT_SIZES } from '../../app/mnist';
import { iterationsPerEpoch } from '../../app/train/trainer';
import { formatNumber } from '../../app/tensor/format-number';
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
  const accuracy = useMemo(() => accuracyPoints(run), [run.epochs, run.result, run.options]);
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
        {accuracy.x.length > 0 ? (
          <LiveChart
            title={t('chart.accuracy')}
            xLabel={t('chart.epoch')}
            yLabel={t('chart.accuracyAxis')}
            x={accuracy.x}
            testId="accuracy-chart"
            showPoints={accuracy.x.length < 30}
            series={[
              { label: t('chart.train'), color: TRAIN_COLOR, values: accuracy.train },
              { label: t('chart.test'), color: TEST_COLOR, values: accuracy.test },
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
