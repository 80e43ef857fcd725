import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../app/i18n/locales/en/training.json';
import zh from '../../app/i18n/locales/zh-CN/training.json';
import { optionErrorSentence, parseOptionField, type OptionField } from '../../app/train/option-errors';
import { optionSentence } from './option-sentence';

const FIELDS: readonly OptionField[] = ['iterations', 'batch', 'lr', 'hidden', 'seed', 'std'];

async function translator(language: 'en' | 'zh-CN') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: language, resources: { en: { training: en }, 'zh-CN': { training: zh } }, interpolation: { escapeValue: false } });
  return i18n.getFixedT(language, 'training');
}

describe('option sentences', () => {
  it("the app's English field sentences are the CLI's, word for word, for every option", async () => {
    const t = await translator('en');
    for (const field of FIELDS) {
      const parsed = parseOptionField(field, '0.5x');
      if (!('error' in parsed)) throw new Error(`'0.5x' was accepted for ${field}`);
      expect(optionSentence(t, parsed.error)).toBe(optionErrorSentence(parsed.error));
    }
    const iterations = parseOptionField('iterations', '0');
    expect('error' in iterations && optionSentence(t, iterations.error)).toBe('Iterations must be a whole number from 1 to 1,000,000');
  });

  it('says the same limits in Chinese', async () => {
    const t = await translator('zh-CN');
    const parsed = parseOptionField('iterations', '0');
    expect('error' in parsed && optionSentence(t, parsed.error)).toBe('迭代次数必须是 1 到 1,000,000 之间的整数');
  });
});
