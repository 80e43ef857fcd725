import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphBackup } from '../../app/api/contract';
import { documentName } from '../format/document-name';
import { useApi, useGraphStoreApi } from '../store/store-context';
import { Dialog } from '../dialog/Dialog';
import { restoreBackup, startBackups, SUPPRESS_RECOVERY_OFFER_KEY } from './hot-exit';

function offerSuppressed(): boolean {
  try {
    return localStorage.getItem(SUPPRESS_RECOVERY_OFFER_KEY) === 'off';
  } catch {
    return false;
  }
}

/**
 * Hot exit in the page: at start, the backup a crash left is offered back; from then on the open
 * graph is backed up while it has unsaved changes. Backing up waits for the answer, so the empty
 * start-up canvas never replaces the backup being offered.
 */
export function RecoveryOffer() {
  const { t, i18n } = useTranslation('recovery');
  const api = useApi();
  const store = useGraphStoreApi();
  const [backup, setBackup] = useState<GraphBackup | null>(null);
  // null until answered; then whether the host still holds the backup the graph came from.
  const [decided, setDecided] = useState<{ restored: boolean } | null>(null);

  useEffect(() => {
    if (offerSuppressed()) {
      setDecided({ restored: false });
      return;
    }
    let current = true;
    api.readBackup().then(
      (found) => {
        if (!current) return;
        if (found) setBackup(found);
        else setDecided({ restored: false });
      },
      () => current && setDecided({ restored: false }),
    );
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    if (!decided) return;
    const writer = startBackups(store, api, { hostHasBackup: decided.restored });
    const onPageHide = () => writer.pageHidden();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      writer.stop();
    };
  }, [decided, store, api]);

  if (!backup) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(backup.savedAt);
  const answer = (restore: boolean) => {
    const restored = restore && restoreBackup(store, backup);
    if (!restore) void api.discardBackup().catch(() => undefined);
    setBackup(null);
    setDecided({ restored });
  };

  return (
    <Dialog testId="restore-dialog" titleId="restore-title">
      <h2 id="restore-title">{t('title')}</h2>
      <p>{t('body', { name: documentName(backup.name, t), time })}</p>
      <p className="bp-modal-where">{backup.path ? t('wasSavedAt', { path: backup.path }) : t('neverSaved')}</p>
      <div className="bp-modal-buttons">
        <button type="button" data-testid="restore-discard" onClick={() => answer(false)}>
          {t('discard')}
        </button>
        <button type="button" className="primary" data-testid="restore-accept" autoFocus onClick={() => answer(true)}>
          {t('restore')}
        </button>
      </div>
    </Dialog>
  );
}
