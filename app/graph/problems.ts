import englishTemplates from '../i18n/locales/en/errors.json';

/**
 * A problem compile finds in a graph: a stable `code` and its `params` (what a translation needs),
 * and the English sentence made from the same catalog entry the UI translates (app/i18n/locales/en/errors.json),
 * so the CLI's wording and the app's English are one text.
 */
export type ProblemCode = keyof typeof englishTemplates;

export type ProblemParams = Readonly<Record<string, string>>;

export interface Problem {
  readonly code: ProblemCode;
  readonly params: ProblemParams;
  /** The English sentence. */
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  /** Every node involved, when there are several (the nodes of a cycle); nodeId is then unset. */
  readonly nodeIds?: readonly string[];
}

/** Fills {{name}} placeholders the way i18next does (no escaping: the text is never HTML). */
export function fillTemplate(template: string, params: ProblemParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? params[name] : whole));
}

export function problem(
  code: ProblemCode,
  params: ProblemParams,
  where: { readonly nodeId?: string; readonly edgeId?: string; readonly nodeIds?: readonly string[] } = {},
): Problem {
  return { code, params, message: fillTemplate(englishTemplates[code], params), ...where };
}

/** 1600000000 → "1,600,000,000": the same in every locale the CLI runs in. */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e21) return n.toExponential(3);
  const [whole, fraction] = String(Math.abs(Math.round(n * 1e6) / 1e6)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
