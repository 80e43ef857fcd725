import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { Dialog } from '../dialog/Dialog';
import { graphFileName, saveAsPrompt, saveNameProblem } from './save-as-prompt';
import './save-as.css';

/**
 * Browser mode's Save As: the page cannot show the system's save dialog for the host's folder, so it
 * shows where the file goes, the graph files already there, and asks before replacing one.
 */
export function SaveAsDialog() {
  const request = useStore(saveAsPrompt, (s) => s.request);
  if (!request) return null;
  // A key per question, so each one starts with its own suggested name.
  return <SaveAsForm key={`${request.listing.folder}/${request.suggestedName}`} />;
}

function SaveAsForm() {
  const { t, i18n } = useTranslation('files');
  const request = useStore(saveAsPrompt, (s) => s.request)!;
  const { listing, suggestedName, answer } = request;
  const [typed, setTyped] = useState(suggestedName);
  const [replacing, setReplacing] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const problem = saveNameProblem(typed);
  const fileName = graphFileName(typed);
  const existing = new Set(listing.files.map((f) => f.name));
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  useEffect(() => {
    // Select the name without its extension, as desktop save dialogs do.
    const field = input.current;
    field?.focus();
    field?.setSelectionRange(0, suggestedName.replace(/\.json$/i, '').length);
  }, [suggestedName]);

  const confirm = () => {
    if (problem) return;
    if (existing.has(fileName)) setReplacing(fileName);
    else answer({ name: fileName, overwrite: false });
  };

  return (
    <Dialog testId="save-as-dialog" titleId="save-as-title" className="bp-save-as" onEscape={() => answer(null)} onSubmit={confirm}>
      <h2 id="save-as-title">{t('saveAs.title')}</h2>
      <p className="bp-modal-where">
        {t('saveAs.folder')} <code data-testid="save-as-folder">{listing.folder}</code>
      </p>
      <label className="bp-save-as-name">
        {t('saveAs.nameLabel')}
        <input
          ref={input}
          data-testid="save-as-name"
          value={typed}
          spellCheck={false}
          onChange={(e) => {
            setTyped(e.target.value);
            setReplacing(null);
          }}
        />
      </label>
      <p className="bp-modal-hint" data-testid="save-as-hint" data-problem={problem ?? ''}>
        {problem ? t(`saveAs.problem.${problem}`) : t('saveAs.willSave', { file: fileName })}
      </p>
      <div className="bp-file-list" data-testid="save-as-files">
        {listing.files.length === 0 ? (
          <p className="bp-modal-hint">{t('saveAs.noFiles')}</p>
        ) : (
          <ul>
            {listing.files.map((file) => (
              <li key={file.name}>
                <button type="button" data-testid={`save-as-file-${file.name}`} className={file.name === fileName ? 'selected' : ''} onClick={() => setTyped(file.name)}>
                  <span className="bp-file-name">{file.name}</span>
                  <span className="bp-file-date">{dates.format(file.modified)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {replacing ? (
        <div className="bp-modal-warning" role="alertdialog" data-testid="save-as-overwrite">
          <p>{t('saveAs.exists', { file: replacing })}</p>
          <div className="bp-modal-buttons">
            <button type="button" data-testid="save-as-overwrite-cancel" onClick={() => setReplacing(null)}>
              {t('saveAs.keep')}
            </button>
            <button type="button" className="danger" data-testid="save-as-overwrite-confirm" onClick={() => answer({ name: replacing, overwrite: true })}>
              {t('saveAs.replace')}
            </button>
          </div>
        </div>
      ) : (
        <div className="bp-modal-buttons">
          <button type="button" data-testid="save-as-cancel" onClick={() => answer(null)}>
            {t('saveAs.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="save-as-confirm" disabled={problem !== null}>
            {t('saveAs.save')}
          </button>
        </div>
      )}
    </Dialog>
  );
}
