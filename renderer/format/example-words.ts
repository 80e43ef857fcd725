import type { TFunction } from 'i18next';
import enExamples from '../../app/i18n/locales/en/examples.json';
import enToolbar from '../../app/i18n/locales/en/toolbar.json';

// The shipped examples keep one English name and one label per node in their files (the graph file
// format has no languages); the page shows the catalog's words for them in its language. They are
// matched by the English text, so a copy of an example saved under another file name reads the same,
// while a name or label the learner typed is shown as typed. The examples' names are the toolbar's
// Examples menu entries (`toolbar:examples.<file>.name`); the node labels that are words rather than
// symbols are `examples:labels.<file>.<node id>` (example-words.test.ts keeps both equal
// to the files).

function firstByText(entries: readonly (readonly [string, string])[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [text, key] of entries) if (!map.has(text)) map.set(text, key);
  return map;
}

const LABELS = firstByText(
  Object.entries(enExamples.labels as Record<string, Record<string, string>>).flatMap(([stem, labels]) =>
    Object.entries(labels).map(([id, text]) => [text, `${stem}.${id}`] as const),
  ),
);

const NAMES = firstByText(
  Object.entries(enToolbar.examples as Record<string, unknown>).flatMap(([stem, entry]) =>
    typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string' ? [[(entry as { name: string }).name, stem] as const] : [],
  ),
);

/** A node label in the UI language when it is one of the examples' (else as it is). */
export function exampleLabel(t: TFunction, label: string): string {
  const key = LABELS.get(label);
  return key ? t(`examples:labels.${key}`, { defaultValue: label }) : label;
}

/** A graph name in the UI language when it is one of the examples' (else as it is). */
export function exampleName(t: TFunction, name: string): string {
  const stem = NAMES.get(name);
  return stem ? t(`toolbar:examples.${stem}.name`, { defaultValue: name }) : name;
}
