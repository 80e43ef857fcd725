import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useMemo } from 'react';

/** One KaTeX formula, rendered once per distinct text. */
export const Formula = memo(function Formula({ tex, testId }: { tex: string; testId?: string }) {
  const html = useMemo(() => katex.renderToString(tex, { throwOnError: false, displayMode: false }), [tex]);
  return <div className="formula" data-testid={testId} data-tex={tex} dangerouslySetInnerHTML={{ __html: html }} />;
});
