import { useEffect, useState } from 'react';
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

function parseRow(line: string): number[] {
  const parts = line.split(/[\s,;]+/).filter((p) => p.length > 0);
  return parts.map((p) => {
    const n = Number(p.replace('−', '-'));
    if (!Number.isFinite(n)) throw new Error(`“${p}” is not a number`);
    return n;
  });
}

/** Reads a field's text back into the param's type, or throws a sentence saying what is wrong. */
export function textToParam(spec: ParamSpec, text: string, current: ParamValue): ParamValue {
  const trimmed = text.trim();
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const n = Number(trimmed.replace('−', '-'));
      if (trimmed === '' || !Number.isFinite(n)) throw new Error(`${spec.label} must be a number, not “${text}”.`);
      if (spec.type === 'integer' && !Number.isInteger(n)) throw new Error(`${spec.label} must be a whole number, not ${n}.`);
      if (spec.min !== undefined && n < spec.min) throw new Error(`${spec.label} must be at least ${spec.min}.`);
      if (spec.max !== undefined && n > spec.max) throw new Error(`${spec.label} must be at most ${spec.max}.`);
      return n;
    }
    case 'indices': {
      if (trimmed === '') return null;
      const list = parseRow(trimmed);
      if (list.some((i) => !Number.isInteger(i) || i < 0)) throw new Error(`${spec.label} must be whole numbers from 0 up.`);
      return list;
    }
    case 'matrix': {
      const lines = trimmed.split(/\n+/).filter((l) => l.trim().length > 0);
      const rows = lines.map(parseRow);
      if (rows.length === 0) throw new Error(`${spec.label} needs at least one number.`);
      const wasVector = Array.isArray(current) && !Array.isArray(current[0]);
      if (rows.length === 1 && (wasVector || !Array.isArray(current))) return rows[0];
      if (rows.some((r) => r.length !== rows[0].length)) throw new Error(`Every row of ${spec.label} must have the same number of entries.`);
      return rows;
    }
    case 'boolean':
      return trimmed === 'true';
    case 'select':
      if (spec.options && !spec.options.includes(trimmed)) throw new Error(`${spec.label} must be one of ${spec.options.join(', ')}.`);
      return trimmed;
  }
}

interface ParamFieldProps {
  readonly spec: ParamSpec;
  readonly value: ParamValue;
  onCommit(value: ParamValue): void;
  onError(message: string): void;
}

/** One editable param: committed on Enter or when the field loses focus. */
export function ParamField({ spec, value, onCommit, onError }: ParamFieldProps) {
  const committed = paramToText(value ?? spec.default);
  const [draft, setDraft] = useState(committed);
  useEffect(() => setDraft(committed), [committed]);
  const testId = `param-${spec.name}`;

  const commit = (text: string) => {
    if (text === committed) return;
    try {
      onCommit(textToParam(spec, text, value ?? spec.default));
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
        title="One row a line, entries separated by commas. Enter commits, Shift+Enter starts a new row."
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
