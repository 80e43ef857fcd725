import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../../app/i18n/languages';
import { setLanguage } from '../i18n';

/** The UI language, switchable at any time without touching the canvas or a running training. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation('common');
  return (
    <label className="language-select" title={t('language.label')}>
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-select"
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
