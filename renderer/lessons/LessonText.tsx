import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, type ReactNode } from 'react';

// Lesson text is Markdown-light: paragraphs split by a blank line, **bold**, *italic*, `code`,
// $inline$ and $$display$$ KaTeX. Nothing else, so a lesson file cannot inject markup.

const TOKEN = /\$\$([^$]+)\$\$|\$([^$]+)\$|\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;

function math(tex: string, display: boolean, key: number): ReactNode {
  const html = katex.renderToString(tex, { throwOnError: false, displayMode: display });
  return <span key={key} className={display ? 'lesson-math display' : 'lesson-math'} dangerouslySetInnerHTML={{ __html: html }} />;
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(math(m[1], true, key++));
    else if (m[2] !== undefined) out.push(math(m[2], false, key++));
    else if (m[3] !== undefined) out.push(<strong key={key++}>{m[3]}</strong>);
    else if (m[4] !== undefined) out.push(<em key={key++}>{m[4]}</em>);
    else out.push(<code key={key++}>{m[5]}</code>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export const LessonText = memo(function LessonText({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="lesson-text" data-testid={testId}>
      {text.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i}>{inline(paragraph)}</p>
      ))}
    </div>
  );
});
