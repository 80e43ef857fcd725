import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../dialog/Dialog';
import { LanguageSelect } from '../panels/LanguageSelect';
import { rememberWelcome, showWelcomeAlways } from './welcome-state';

interface WelcomeDialogProps {
  onStartLesson(): void;
  onOpenExample(): void;
  onEmpty(): void;
  onClose(): void;
}

/** Three ways in (the first lesson, an example, an empty canvas) and the language choice. */
export function WelcomeDialog({ onStartLesson, onOpenExample, onEmpty, onClose }: WelcomeDialogProps) {
  const { t } = useTranslation('welcome');
  const [showAtStart, setShowAtStart] = useState(() => showWelcomeAlways());
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  // Once shown, it is seen; the checkbox asks for it at every start.
  useEffect(() => rememberWelcome(showAtStart), [showAtStart]);

  return (
    <Dialog testId="welcome-dialog" titleId="welcome-title" className="welcome-dialog" onEscape={onClose} onBackdrop={onClose}>
      <header className="welcome-head">
        <h1 id="welcome-title">{t('title')}</h1>
        <LanguageSelect />
      </header>
      <p className="welcome-intro">{t('intro')}</p>
      <div className="welcome-choices">
        <button ref={first} className="welcome-choice primary" data-testid="welcome-start-lesson" onClick={onStartLesson}>
          <strong>{t('startLesson')}</strong>
          <span>{t('startLessonHint')}</span>
        </button>
        <button className="welcome-choice" data-testid="welcome-open-example" onClick={onOpenExample}>
          <strong>{t('openExample')}</strong>
          <span>{t('openExampleHint')}</span>
        </button>
        <button className="welcome-choice" data-testid="welcome-empty" onClick={onEmpty}>
          <strong>{t('empty')}</strong>
          <span>{t('emptyHint')}</span>
        </button>
      </div>
      <label className="welcome-again">
        <input type="checkbox" data-testid="welcome-show-at-start" checked={showAtStart} onChange={(e) => setShowAtStart(e.target.checked)} />
        {t('showAtStart')}
      </label>
    </Dialog>
  );
}
