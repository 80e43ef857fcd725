import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExampleInfo } from '../../app/api/contract';
import { shortcutLabel, type CommandId } from '../../app/commands';
import { useApi, useGraph } from '../store/store-context';
import { LanguageSelect } from './LanguageSelect';

interface ToolbarProps {
  run(command: CommandId): void;
  openExample(file: string): void;
}

function Button({ id, label, run, testId, disabled, primary }: { id: CommandId; label: string; run: (c: CommandId) => void; testId?: string; disabled?: boolean; primary?: boolean }) {
  return (
    <button className={`tool${primary ? ' primary' : ''}`} data-testid={testId} title={`${label} (${shortcutLabel(id)})`} onClick={() => run(id)} disabled={disabled}>
      {label}
    </button>
  );
}

export function Toolbar({ run, openExample }: ToolbarProps) {
  const { t } = useTranslation('common');
  const api = useApi();
  const { name, dirty, busy, canUndo, canRedo } = useGraph(
    useShallow((s) => ({ name: s.name, dirty: s.dirty, busy: s.busy, canUndo: s.history.past.length > 0, canRedo: s.history.future.length > 0 })),
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
      <div className="brand">{t('appName')}</div>
      <div className="tool-group">
        <Button id="new" label="New" run={run} testId="file-new" />
        <Button id="open" label="Open" run={run} testId="file-open" />
        <Button id="save" label="Save" run={run} testId="file-save" />
        <Button id="saveAs" label="Save As" run={run} testId="file-save-as" />
        <div className="menu">
          <button className="tool" data-testid="examples-menu" onClick={() => setExamplesOpen((o) => !o)} title="Open one of the chapter's examples">
            Examples ▾
          </button>
          {examplesOpen && (
            <ul className="menu-list" onMouseLeave={() => setExamplesOpen(false)}>
              {examples.length === 0 && <li className="none">No examples found</li>}
              {examples.map((ex) => (
                <li
                  key={ex.file}
                  data-testid={`example-${ex.file}`}
                  title={ex.description}
                  onClick={() => {
                    setExamplesOpen(false);
                    openExample(ex.file);
                  }}
                >
                  {ex.name}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="tool-group">
        <Button id="undo" label="Undo" run={run} testId="undo" disabled={!canUndo} />
        <Button id="redo" label="Redo" run={run} testId="redo" disabled={!canRedo} />
      </div>
      <div className="tool-group">
        <Button id="stepForward" label="Step ▶" run={run} testId="step-forward" disabled={busy} primary />
        <Button id="stepBackward" label="◀ Step back" run={run} testId="step-backward" disabled={busy} primary />
        <Button id="runForward" label="Run forward" run={run} testId="run-forward" disabled={busy} />
        <Button id="runBackward" label="Run backward" run={run} testId="run-backward" disabled={busy} />
        <Button id="reset" label="Reset" run={run} testId="reset" />
      </div>
      <div className="doc-title" data-testid="document-title" title={name}>
        {name}
        {dirty && <span className="dirty-mark" title="Unsaved changes"> •</span>}
      </div>
      <LanguageSelect />
    </header>
  );
}
