import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type { RegisteredOp, ParamSpec } from '../../app/ops/op';
import { LANGUAGES } from '../../app/i18n/languages';

// An op's words live in the registry in English; the `ops` catalog translates them by kind. A kind
// the catalog does not know yet keeps its English text (defaultValue), so a new op still reads.

export function opTitle(t: TFunction, op: RegisteredOp): string {
  return t(`ops:${op.kind}.title`, { defaultValue: op.title });
}

export function opDescription(t: TFunction, op: RegisteredOp): string {
  return t(`ops:${op.kind}.description`, { defaultValue: op.description });
}

export function paramLabel(t: TFunction, op: RegisteredOp, spec: ParamSpec): string {
  return t(`ops:${op.kind}.params.${spec.name}`, { defaultValue: spec.label });
}

export function paramHelp(t: TFunction, op: RegisteredOp, spec: ParamSpec): string | undefined {
  if (!spec.description) return undefined;
  return t(`ops:${op.kind}.paramHelp.${spec.name}`, { defaultValue: spec.description });
}

/** Everything a search may match for an op: its kind and its title and description in every language. */
export function opSearchText(op: RegisteredOp): string {
  const words = [op.kind, op.title, op.description];
  for (const lng of LANGUAGES) {
    if (!i18next.isInitialized) break;
    const t = i18next.getFixedT(lng);
    words.push(opTitle(t, op), opDescription(t, op));
  }
  return words.join('\n').toLowerCase();
}
