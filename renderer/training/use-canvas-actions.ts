import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphDocument } from '../../app/graph/document';
import { parseGraphDocument } from '../../app/graph/parse';
import type { TrainingResult } from '../../app/train/protocol';
import { stepDocument } from '../../app/train/step-document';
import { formatNumber } from '../../app/tensor/format-number';
import { messageText } from '../format/message-text';
import type { StatusMessage } from '../store/status-message';
import { useGraphStoreApi } from '../store/store-context';
import { useTrainingSessionApi } from './training-session';

/** Opening a trained net on the canvas: with its weights, or with one drawn image as its input. */
export function useCanvasActions() {
  const { t } = useTranslation('training');
  const graph = useGraphStoreApi();
  const session = useTrainingSessionApi();

  return useMemo(() => {
    const open = (doc: GraphDocument, status: StatusMessage) => {
      const s = graph.getState();
      if (s.dirty && !window.confirm(t('canvas.discard', { name: s.name }))) return;
      // The canvas is shown first, so that it measures the new nodes and fits the view to them.
      session.getState().setView('canvas');
      requestAnimationFrame(() => {
        graph.getState().loadDocument(doc, null);
        graph.setState({ dirty: true, status });
      });
    };

    return {
      useTrainedWeights(result: TrainingResult) {
        const parsed = parseGraphDocument(result.graphText);
        if (!parsed.ok) {
          graph.getState().setError(t('canvas.openFailed', { message: parsed.errors.join('; ') }));
          return;
        }
        const doc = parsed.document;
        open({ ...doc, name: t('canvas.trainedName', { name: doc.name }) }, { key: 'training:canvas.loaded', values: { accuracy: formatNumber(result.testAccuracy) } });
      },
      stepOnCanvas(result: TrainingResult, pixels: Float32Array, label: number) {
        try {
          const parsed = parseGraphDocument(result.graphText);
          const base = parsed.ok ? parsed.document.name : '';
          const doc = stepDocument(result, pixels, label, t('canvas.drawnName', { name: base, label }));
          open(doc, { key: 'training:canvas.stepReady', values: { label } });
        } catch (e) {
          graph.getState().setError(t('canvas.openFailed', { message: messageText(t, e) }));
        }
      },
    };
  }, [t, graph, session]);
}
