import { expect } from 'chai';
import { resolveLocale, resolveTurnLocale } from '../../src/i18n/locale.js';

describe('locale: which language a turn is answered in', () => {
  const cases: Array<[string | undefined, string, 'en-US' | 'ko-KR' | undefined, 'en-US' | 'ko-KR']> = [
    ['en-US', 'help', undefined, 'en-US'],
    ['ko-KR', 'help', undefined, 'ko-KR'],
    ['ko', 'customers', undefined, 'ko-KR'],
    ['en-US', '도움말', undefined, 'ko-KR'],
    ['en-US', '', 'ko-KR', 'ko-KR'],
    ['en-US', '', undefined, 'en-US'],
    ['en-US', 'whoami', 'ko-KR', 'en-US'],
    [undefined, '', undefined, 'en-US'],
    ['fr-FR', 'help', undefined, 'en-US'],
  ];
  for (const [activity, text, last, expected] of cases) {
    it(`${activity ?? '(none)'} + "${text}" after ${last ?? 'nothing'} → ${expected}`, () => {
      expect(resolveTurnLocale(activity, text, last).locale).to.equal(expected);
    });
  }

  it('a Korean message is remembered so the next card click stays Korean', () => {
    const first = resolveTurnLocale('en-US', '증명 fabrikam');
    expect(first.remember).to.equal('ko-KR');
    expect(resolveTurnLocale('en-US', '', first.remember).locale).to.equal('ko-KR');
  });

  it('any ko tag is Korean, anything else English', () => {
    expect(resolveLocale('ko-kr')).to.equal('ko-KR');
    expect(resolveLocale('de-DE')).to.equal('en-US');
  });
});
