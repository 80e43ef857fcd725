/// <reference types="vite/client" />
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, languageForLocale, LANGUAGES, type Language } from '../../app/i18n/languages';

// Every catalog file is picked up by its path (locales/<language>/<namespace>.json): a feature adds
// its own namespace file and nothing here changes.
const catalogFiles = import.meta.glob<Record<string, unknown>>('../../app/i18n/locales/*/*.json', { eager: true, import: 'default' });

export function catalogResources(): Resource {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, catalog] of Object.entries(catalogFiles)) {
    const [, language, namespace] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (!language || !namespace) continue;
    (resources[language] ??= {})[namespace] = catalog;
  }
  return resources as Resource;
}

const STORAGE_KEY = 'bpstudio.language';

/** The saved choice, else the system/browser locale. */
export function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be unavailable (a sandboxed page): fall back to the locale.
  }
  return languageForLocale(globalThis.navigator?.language);
}

/** Initialises i18next synchronously (the catalogs are bundled), so the first render is translated. */
export function initI18n(language: Language = initialLanguage()): typeof i18next {
  const resources = catalogResources();
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: Object.keys(resources.en ?? {}),
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  // Unit tests run without a DOM.
  if (globalThis.document) document.documentElement.lang = language;
  return i18next;
}

/** Switches the whole UI; the canvas and any running training are untouched. */
export function setLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not saved, still switched.
  }
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export { i18next };
