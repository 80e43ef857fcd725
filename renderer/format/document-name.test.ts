import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../app/graph/document';
import { initI18n } from '../i18n';
import { documentName } from './document-name';

const i18n = initI18n('en');

describe('documentName', () => {
  it('shows the unnamed graph in the page language and any other name as it is', () => {
    const unnamed = emptyDocument().name;
    expect(documentName(unnamed, i18n.getFixedT('en'))).toBe('Untitled');
    expect(documentName(unnamed, i18n.getFixedT('zh-CN'))).toBe('未命名');
    expect(documentName('', i18n.getFixedT('zh-CN'))).toBe('未命名');
    expect(documentName('买苹果', i18n.getFixedT('en'))).toBe('买苹果');
  });
});
