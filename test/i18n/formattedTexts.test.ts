import { expect } from 'chai';
import { CompiledMessages } from '../../src/i18n/compiledMessages.js';
import { Translator } from '../../src/i18n/translator.js';

/** Translators of many turns share one CompiledMessages, which keeps the texts it formatted. */
describe('Translator: texts formatted before are reused, never confused', () => {
  const shared = new CompiledMessages();
  const cases = [
    { locale: 'en-US', count: 1, text: '1 customer. Select one to see details.' },
    { locale: 'en-US', count: 2, text: '2 customers. Select one to see details.' },
    { locale: 'en-US', count: '2', text: '2 customers. Select one to see details.' },
    { locale: 'ko-KR', count: 1234, text: '고객 1,234명. 고객을 선택하면 자세히 볼 수 있습니다.' },
  ] as const;

  for (const { locale, count, text } of cases) {
    it(`${locale}, count ${JSON.stringify(count)}: the same text on the first turn and the next`, () => {
      expect(new Translator(locale, shared).t('customers.list.subtitle', { count })).to.equal(text);
      expect(new Translator(locale, shared).t('customers.list.subtitle', { count })).to.equal(text);
    });
  }

  it('values JSON cannot tell apart (NaN, Infinity) are formatted each time', () => {
    const t = new Translator('en-US', shared);
    const nan = t.t('customers.list.subtitle', { count: Number.NaN });
    const infinite = t.t('customers.list.subtitle', { count: Number.POSITIVE_INFINITY });
    expect(nan).to.not.equal(infinite);
    expect(infinite).to.contain('∞');
  });

  it('a missing parameter still shows its placeholder, every time', () => {
    const t = new Translator('en-US', shared);
    const first = t.t('core.unknown');
    expect(first).to.equal(t.t('core.unknown'));
    expect(first).to.contain('{text}');
  });
});
