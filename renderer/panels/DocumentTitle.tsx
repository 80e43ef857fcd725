import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { documentName } from '../format/document-name';
import { useGraph } from '../store/store-context';

/** The open graph's name, and a dot while it has unsaved changes. */
export function DocumentTitle() {
  const { t } = useTranslation('toolbar');
  const { name, dirty } = useGraph(useShallow((s) => ({ name: s.name, dirty: s.dirty })));
  return (
    <div className="doc-title" data-testid="document-title" title={documentName(name, t)}>
      {documentName(name, t)}
      {dirty && <span className="dirty-mark" title={t('unsaved')}> •</span>}
    </div>
  );
}
