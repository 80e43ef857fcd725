import type { TFunction } from 'i18next';
import { hasOp, getOp } from '../../app/ops/registry';
import { opTitle } from '../i18n/op-text';

// The store and the executor (app/, shared with the CLI) write their status in English. The status
// bar reads it in the UI language at render time, so switching language re-reads the last status too.

const FIXED: Readonly<Record<string, string>> = {
  Ready: 'ready',
  Undone: 'undone',
  Redone: 'redone',
  'New graph': 'newGraph',
  'Reset: no values yet': 'reset',
  'forward done': 'forwardDone',
  'backward done': 'backwardDone',
};

const PATTERNS: readonly [RegExp, (t: TFunction, m: RegExpExecArray) => string][] = [
  [
    /^(forward|backward): (\w+) → (.*?)(?: \((forward|backward) done\))?$/,
    (t, m) => {
      const kind = hasOp(m[2]) ? opTitle(t, getOp(m[2])) : m[2];
      const step = t(`status:step.${m[1]}`, { kind, ports: m[3] });
      return m[4] ? t('status:stepThenDone', { step, done: t(`status:${m[4]}Done`) }) : step;
    },
  ],
  [/^Opened (.+)$/s, (t, m) => t('status:opened', { name: m[1] })],
  [/^Saved (.+)$/s, (t, m) => t('status:saved', { name: m[1] })],
  [/^Copied (\d+) nodes?$/, (t, m) => t('status:copied', { count: Number(m[1]) })],
  [/^Values of (.+) and what depends on it were cleared$/s, (t, m) => t('status:cleared', { name: m[1] })],
];

/** The status in the UI language; a status this does not know is shown as it is. */
export function statusText(t: TFunction, status: string): string {
  const fixed = FIXED[status];
  if (fixed) return t(`status:fixed.${fixed}`);
  for (const [pattern, render] of PATTERNS) {
    const m = pattern.exec(status);
    if (m) return render(t, m);
  }
  return status;
}
