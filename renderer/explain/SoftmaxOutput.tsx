import { useMemo } from 'react';
import { tensorLabel } from '../../app/explain/tensor-label';
import { createJsBackend } from '../../app/tensor/js-backend';
import type { Tensor } from '../../app/tensor/tensor';
import { useGraph } from '../store/store-context';

const backend = createJsBackend('float64');

/** Softmax-with-Loss keeps its y = softmax(x) to itself; the lesson is about y, so the canvas computes it for display. */
export function useSoftmaxY(nodeId: string): Tensor | undefined {
  const x = useGraph((s) => {
    const edge = s.edges.find((e) => e.target === nodeId && e.targetHandle === 'x');
    return edge ? s.run.edgeValues.get(edge.id) : undefined;
  });
  return useMemo(() => (x ? backend.softmax(x) : undefined), [x]);
}

/** The line "y = (0.3, 0.2, 0.5)" on a Softmax-with-Loss node. */
export function SoftmaxY({ nodeId }: { nodeId: string }) {
  const y = useSoftmaxY(nodeId);
  if (!y) return null;
  return (
    <div className="op-node-extra" data-testid={`node-softmax-y-${nodeId}`}>
      y = {tensorLabel(y)}
    </div>
  );
}
