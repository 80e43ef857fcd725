import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../app/i18n/locales/en/training.json';
import zh from '../../app/i18n/locales/zh-CN/training.json';
import { sentenceTemplate } from './sentence-template';

describe('a sentence translated once, filled many times', () => {
  it('says what t() says with the same values, in both languages', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({ lng: language, resources: { en: { training: en }, 'zh-CN': { training: zh } }, interpolation: { escapeValue: false } });
      const t = i18n.getFixedT(language, 'training');
      const fill = sentenceTemplate(t, 'confusion.cellTitle', ['count', 'actual', 'predicted']);
      for (const [count, actual, predicted] of [[3, 0, 3], [1_118, 1, 1], [0, 9, 4]]) {
        expect(fill({ count, actual, predicted })).toBe(t('confusion.cellTitle', { count, actual, predicted }));
      }
    }
  });
});
