import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExampleInfo } from '../../app/api/contract';
import { shortcutLabel, type CommandId } from '../../app/commands';
import { useApi, useGraph } from '../store/store-context';
import { LanguageSelect } from './LanguageSelect';
import { GradcheckButton } from '../explain/GradcheckPanel';
import { NewIcon, OpenIcon, RedoIcon, ResetIcon, SaveAsIcon, SaveIcon, UndoIcon } from './ToolbarIcons';

interface ToolbarProps {
  run(command: CommandId): void;
  openExample(file: string): void;
  lessonsOpen: boolean;
  toggleLessons(): void;
  showWelcome(): void;
}

interface ButtonProps {
  id: CommandId;
  label: string;
  run: (c: CommandId) => void;
  testId?: string;
  disabled?: boolean;
  primary?: boolean;
  /** Shown instead of the label, which then names the button to assistive technology and in its tooltip. */
  icon?: ReactNode;
}

function Button({ id, label, run, testId, disabled, primary, icon }: ButtonProps) {
  const { t } = useTranslation('toolbar');
  return (
    <button
      className={`tool${primary ? ' primary' : ''}${icon ? ' icon' : ''}`}
      data-testid={testId}
      title={t('withShortcut', { label, shortcut: shortcutLabel(id) })}
      aria-label={icon ? label : undefined}
      onClick={() => run(id)}
      disabled={disabled}
    >
      {icon ?? label}
    </button>
  );
}

/** An example's name and description in the UI language; an example the catalog does not know keeps its own. */
export function exampleText(t: TFunction, example: ExampleInfo): { name: string; description?: string } {
  const stem = example.file.replace(/\.json$/, '');
  return {
    name: t(`toolbar:examples.${stem}.name`, { defaultValue: example.name }),
    description: example.description && t(`toolbar:examples.${stem}.description`, { defaultValue: example.description }),
  };
}

export function Toolbar({ run, openExample, lessonsOpen, toggleLessons, showWelcome }: ToolbarProps) {
  const { t } = useTranslation(['toolbar', 'common', 'lessons', 'welcome']);
  const api = useApi();
  const { busy, canUndo, canRedo } = useGraph(
    useShallow((s) => ({ busy: s.busy, canUndo: s.history.past.length > 0, canRedo: s.history.future.length > 0 })),
  );
  const [examples, setExamples] = useState<ExampleInfo[]>([]);
  const [examplesOpen, setExamplesOpen] = useState(false);

  useEffect(() => {
    let live = true;
    api.listExamples().then((list) => live && setExamples(list), () => live && setExamples([]));
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <header className="toolbar">
      <div className="brand">{t('common:appName')}</div>
      <div className="tool-group">
        <Button id="new" label={t('new')} run={run} testId="file-new" icon={<NewIcon />} />
        <Button id="open" label={t('open')} run={run} testId="file-open" icon={<OpenIcon />} />
        <Button id="save" label={t('save')} run={run} testId="file-save" icon={<SaveIcon />} />
        <Button id="saveAs" label={t('saveAs')} run={run} testId="file-save-as" icon={<SaveAsIcon />} />
        <div className="menu">
          <button className="tool" data-testid="examples-menu" onClick={() => setExamplesOpen((o) => !o)} title={t('examplesTitle')}>
            {t('examples.menu')}
          </button>
          {examplesOpen && (
            <ul className="menu-list" onMouseLeave={() => setExamplesOpen(false)}>
              {examples.length === 0 && <li className="none">{t('noExamples')}</li>}
              {examples.map((ex) => (
                <li
                  key={ex.file}
                  data-testid={`example-${ex.file}`}
                  title={exampleText(t, ex).description}
                  onClick={() => {
                    setExamplesOpen(false);
                    openExample(ex.file);
                  }}
                >
                  {exampleText(t, ex).name}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="tool-group">
        <Button id="undo" label={t('undo')} run={run} testId="undo" icon={<UndoIcon />} disabled={!canUndo} />
        <Button id="redo" label={t('redo')} run={run} testId="redo" icon={<RedoIcon />} disabled={!canRedo} />
      </div>
      <div className="tool-group">
        <Button id="stepForward" label={t('timeline:stepForward')} run={run} testId="step-forward" disabled={busy} primary />
        <Button id="stepBackward" label={t('timeline:stepBackward')} run={run} testId="step-backward" disabled={busy} primary />
        <Button id="runForward" label={t('runForward')} run={run} testId="run-forward" disabled={busy} />
        <Button id="runBackward" label={t('runBackward')} run={run} testId="run-backward" disabled={busy} />
        <Button id="reset" label={t('reset')} run={run} testId="reset" icon={<ResetIcon />} />
        <GradcheckButton />
      </div>
      {/* One unit: when the window is too narrow it wraps whole, to the right of the next row. */}
      <div className="toolbar-end">
      <button
        className={lessonsOpen ? 'tool lessons-button active' : 'tool lessons-button'}
        data-testid="lessons-button"
        aria-pressed={lessonsOpen}
        title={t('lessons:buttonTitle')}
        onClick={toggleLessons}
      >
        {t('lessons:button')}
      </button>
      <button className="tool help-button" data-testid="help-button" title={t('welcome:help')} aria-label={t('welcome:help')} onClick={showWelcome}>
        ?
      </button>
      <LanguageSelect />
      </div>
    </header>
  );
}
