/** The languages of the UI; each has a folder of catalogs under `locales/`, one JSON file a namespace. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The UI language for a system or browser locale such as "zh-Hans-CN", "zh_CN.UTF-8" or "en-US". */
export function languageForLocale(locale: string | undefined | null): Language {
  return locale && /^zh\b|^zh[-_]/i.test(locale) ? 'zh-CN' : 'en';
}
