import { useTranslation } from 'react-i18next';
import { errorText } from '../format/status-text';
import { useGraph } from '../store/store-context';

export function ErrorMessage() {
  const { t } = useTranslation('common');
  const error = useGraph((s) => s.error);
  const setError = useGraph((s) => s.setError);
  if (!error) return null;
  return (
    <div className="error-message" role="alert">
      <span data-testid="error-message">{errorText(t, error)}</span>
      <button className="error-close" onClick={() => setError(null)} aria-label={t('dismiss')}>
        ×
      </button>
    </div>
  );
}
