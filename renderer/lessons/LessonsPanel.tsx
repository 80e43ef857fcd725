import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../app/i18n/languages';
import type { LocalizedText } from '../../app/lessons/schema';
import { formatNumber } from '../../app/tensor/format-number';
import { lessonLibrary } from './lesson-files';
import { LessonText } from './LessonText';
import type { Feedback, LessonRunner } from './use-lesson-runner';

/** The lessons of the chapter: the list with ✓ for finished ones, and the open lesson's step and task. */
export function LessonsPanel({ runner, onClose }: { runner: LessonRunner; onClose: () => void }) {
  const { t, i18n } = useTranslation('lessons');
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  const say = (text: LocalizedText) => text[language];
  const { lessons, problems } = lessonLibrary();
  const { position, step, task } = runner;

  return (
    <aside className="lessons-panel" data-testid="lessons-panel">
      <header className="lessons-head">
        <h2>{t('title')}</h2>
        <button className="lessons-close" onClick={onClose} aria-label={t('close')} title={t('close')}>
          ×
        </button>
      </header>
      <ol className="lessons-list">
        {lessons.map((lesson) => {
          const finished = runner.done.has(lesson.id);
          return (
            <li key={lesson.id}>
              <button
                data-testid={`lesson-${lesson.id}`}
                data-done={finished ? 'true' : 'false'}
                className={`lesson-item${position?.lesson.id === lesson.id ? ' active' : ''}`}
                title={say(lesson.summary)}
                onClick={() => runner.start(lesson)}
              >
                <span className="lesson-number">{lesson.id}</span>
                <span className="lesson-name">{say(lesson.title)}</span>
                <span className="lesson-mark" aria-label={finished ? t('finished') : undefined}>
                  {finished ? '✓' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {problems.map((p) => (
        <p key={p.file} className="lessons-problem" data-testid="lesson-file-problem">
          {t('badFile', { message: p.message })}
        </p>
      ))}
      {runner.error && <p className="lessons-problem">{runner.error}</p>}
      {!position && <p className="lessons-hint">{t('pick')}</p>}
      {position && step && (
        <section className="lesson-runner" data-testid="lesson-runner" data-lesson={position.lesson.id} data-step={position.step + 1}>
          <h3>
            {position.lesson.id} {say(position.lesson.title)}
          </h3>
          <div className="lesson-progress">{t('stepOf', { step: position.step + 1, count: position.lesson.steps.length })}</div>
          <LessonText key={`text-${position.lesson.id}-${position.step}`} text={say(step.text)} testId="lesson-step-text" />
          {task?.kind === 'answer' && <AnswerBox key={`answer-${position.lesson.id}-${position.step}`} runner={runner} />}
          {task && task.kind !== 'answer' && !runner.stepComplete && (
            <button className="lesson-check" data-testid="lesson-check" onClick={runner.check}>
              {t('check')}
            </button>
          )}
          <FeedbackLine feedback={position.feedback} say={say} runner={runner} />
          {runner.isLast && runner.done.has(position.lesson.id) && <p className="lesson-finished">{t('lessonDone', { id: position.lesson.id })}</p>}
          <nav className="lesson-nav">
            <button data-testid="lesson-prev" onClick={runner.prev} disabled={position.step === 0}>
              {t('prev')}
            </button>
            <button className="primary" data-testid="lesson-next" onClick={runner.next} disabled={!runner.stepComplete} title={runner.stepComplete ? undefined : t('nextLocked')}>
              {runner.isLast ? t('finish') : t('next')}
            </button>
          </nav>
        </section>
      )}
    </aside>
  );
}

function AnswerBox({ runner }: { runner: LessonRunner }) {
  const { t } = useTranslation('lessons');
  const [text, setText] = useState('');
  const locked = runner.stepComplete;
  return (
    <form
      className="lesson-answer"
      onSubmit={(e) => {
        e.preventDefault();
        runner.answer(text);
      }}
    >
      <input data-testid="lesson-answer-input" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('answerPlaceholder')} disabled={locked} inputMode="decimal" />
      <button type="submit" data-testid="lesson-answer-submit" disabled={locked}>
        {t('submit')}
      </button>
    </form>
  );
}

function FeedbackLine({ feedback, say, runner }: { feedback: Feedback | null; say: (text: LocalizedText) => string; runner: LessonRunner }) {
  const { t } = useTranslation('lessons');
  const task = runner.task;
  if (!feedback || !task) return null;
  let correct = false;
  let text: string;
  switch (feedback.kind) {
    case 'correct':
      correct = true;
      text = `${t('feedback.correct')} ${task.kind === 'answer' ? say(task.explanation) : ''}`;
      break;
    case 'done':
      correct = true;
      text = t('feedback.done');
      break;
    case 'notYet':
      text = task.kind === 'answer' ? '' : say(task.notYet);
      break;
    case 'notNumber':
      text = t('feedback.notNumber', { text: feedback.text.trim() || '…' });
      break;
    case 'wrong':
      text =
        task.kind !== 'answer'
          ? ''
          : feedback.attempts >= 2
            ? `${t('feedback.answerIs', { answer: formatNumber(task.equals) })} ${say(task.explanation)}`
            : `${t('feedback.wrong')} ${t('feedback.hint', { hint: say(task.hint) })}`;
      break;
  }
  return (
    <div className={`lesson-feedback ${correct ? 'correct' : 'wrong'}`} data-testid="lesson-feedback" data-correct={correct ? 'true' : 'false'} role="status">
      <LessonText text={text} />
    </div>
  );
}
