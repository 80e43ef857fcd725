import { createContext, useContext, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { findNumericWarning, type NumericWarning } from '../../app/explain/numeric-warnings';
import { useGraph } from '../store/store-context';

/** Where ±∞ or NaN first appeared after the last step; recomputed once per step. */
export function useComputedNumericWarning(): NumericWarning | undefined {
  const { plan, executor, run } = useGraph(useShallow((s) => ({ plan: s.plan, executor: s.executor, run: s.run })));
  return useMemo(() => (executor ? findNumericWarning(plan, executor) : undefined), [plan, executor, run]);
}

/** The canvas computes the warning once and every edge and node reads it from here. */
export const NumericWarningContext = createContext<NumericWarning | undefined>(undefined);

export function useNumericWarning(): NumericWarning | undefined {
  return useContext(NumericWarningContext);
}
