import i18next, { type TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamSpec, ParamValue } from '../../app/ops/op';

/** The text a param shows in its field; matrices one row a line. */
export function paramToText(value: ParamValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length > 0 && Array.isArray(value[0])) return (value as number[][]).map((row) => row.join(', ')).join('\n');
    return (value as number[]).join(', ');
  }
  return String(value);
}

function parseRow(line: string, t: TFunction): number[] {
  const parts = line.split(/[\s,;]+/).filter((p) => p.length > 0);
  return parts.map((p) => {
    const n = Number(p.replace('−', '-'));
    if (!Number.isFinite(n)) throw new Error(t('inspector:paramErrors.entryNotNumber', { text: p }));
    return n;
  });
}

/**
 * Reads a field's text back into the param's type, or throws a sentence saying what is wrong, in the
 * UI language (`label` is the param's shown name).
 */
export function textToParam(spec: ParamSpec, text: string, current: ParamValue, t: TFunction = i18next.t, label: string = spec.label): ParamValue {
  const trimmed = text.trim();
  const say = (key: string, values: Record<string, unknown> = {}) => new Error(t(`inspector:paramErrors.${key}`, { label, ...values }));
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const n = Number(trimmed.replace('−', '-'));
      if (trimmed === '' || !Number.isFinite(n)) throw say('notNumber', { text });
      if (spec.type === 'integer' && !Number.isInteger(n)) throw say('notWhole', { value: n });
      if (spec.min !== undefined && n < spec.min) throw say('atLeast', { min: spec.min });
      if (spec.max !== undefined && n > spec.max) throw say('atMost', { max: spec.max });
      return n;
    }
    case 'indices': {
      if (trimmed === '') return null;
      const list = parseRow(trimmed, t);
      if (list.some((i) => !Number.isInteger(i) || i < 0)) throw say('indices');
      return list;
    }
    case 'matrix': {
      const lines = trimmed.split(/\n+/).filter((l) => l.trim().length > 0);
      const rows = lines.map((line) => parseRow(line, t));
      if (rows.length === 0) throw say('empty');
      const wasVector = Array.isArray(current) && !Array.isArray(current[0]);
      if (rows.length === 1 && (wasVector || !Array.isArray(current))) return rows[0];
      if (rows.some((r) => r.length !== rows[0].length)) throw say('ragged');
      return rows;
    }
    case 'boolean':
      return trimmed === 'true';
    case 'select':
      if (spec.options && !spec.options.includes(trimmed)) throw say('oneOf', { options: spec.options.join(', ') });
      return trimmed;
  }
}

interface ParamFieldProps {
  readonly spec: ParamSpec;
  /** The param's name as shown (translated). */
  readonly label?: string;
  readonly value: ParamValue;
  onCommit(value: ParamValue): void;
  onError(message: string): void;
}

/** One editable param: committed on Enter or when the field loses focus. */
export function ParamField({ spec, label, value, onCommit, onError }: ParamFieldProps) {
  const { t } = useTranslation('inspector');
  const committed = paramToText(value ?? spec.default);
  const [draft, setDraft] = useState(committed);
  useEffect(() => setDraft(committed), [committed]);
  const testId = `param-${spec.name}`;

  const commit = (text: string) => {
    if (text === committed) return;
    try {
      onCommit(textToParam(spec, text, value ?? spec.default, t, label ?? spec.label));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
      setDraft(committed);
    }
  };

  if (spec.type === 'select') {
    return (
      <select data-testid={testId} value={committed} onChange={(e) => commit(e.target.value)}>
        {(spec.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  if (spec.type === 'boolean') {
    return <input type="checkbox" data-testid={testId} checked={value === true} onChange={(e) => onCommit(e.target.checked)} />;
  }
  if (spec.type === 'matrix') {
    return (
      <textarea
        data-testid={testId}
        value={draft}
        rows={Math.min(8, Math.max(2, draft.split('\n').length))}
        spellCheck={false}
        title={t('matrixHint')}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            commit(draft);
          }
        }}
      />
    );
  }
  return (
    <input
      data-testid={testId}
      value={draft}
      inputMode={spec.type === 'indices' ? 'text' : 'decimal'}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => commit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(draft);
        if (e.key === 'Escape') {
          setDraft(committed);
          e.stopPropagation();
        }
      }}
    />
  );
}
