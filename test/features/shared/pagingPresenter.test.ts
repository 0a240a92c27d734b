import { expect } from 'chai';
import { pageWindow } from '../../../src/domain/paging/paging.js';
import { Translator } from '../../../src/i18n/translator.js';
import { pagingCardData, type PagingNoun } from '../../../src/features/shared/pagingPresenter.js';

describe('the count line and paging buttons of list cards', () => {
  const cases: [string, 'en-US' | 'ko-KR', number, number, string, string[]][] = [
    ['second page', 'en-US', 50, 4812, '51–100 of 4,812 customers', ['Previous', 'Next']],
    ['second page (Korean)', 'ko-KR', 50, 4812, '고객 4,812명 중 51–100', ['이전', '다음']],
    ['first page', 'en-US', 0, 4812, '1–50 of 4,812 customers', ['Next']],
    ['last page', 'en-US', 4800, 4812, '4,801–4,812 of 4,812 customers', ['Previous']],
    ['one customer', 'en-US', 0, 1, '1–1 of 1 customer', []],
  ];
  for (const [name, locale, offset, total, count, buttons] of cases) {
    it(`${name}: "${count}"`, () => {
      const data = pagingCardData(
        new Translator(locale),
        pageWindow({ offset, size: 50 }, total),
        'customers',
        (d) => ({
          verb: 'customers.page',
          d,
        }),
      );
      expect(data.count).to.equal(count);
      expect(data.pager.map((b) => b.title)).to.deep.equal(buttons);
    });
  }

  const nouns: [PagingNoun, 'en-US' | 'ko-KR', number, string][] = [
    ['regions', 'en-US', 4812, '51–100 of 4,812 regions'],
    ['regions', 'en-US', 1, '1–1 of 1 region'],
    ['regions', 'ko-KR', 4812, '지역 4,812개 중 51–100'],
    ['rows', 'en-US', 4812, '51–100 of 4,812 rows'],
    ['rows', 'ko-KR', 4812, '4,812행 중 51–100'],
  ];
  for (const [noun, locale, total, count] of nouns) {
    it(`${noun} (${locale}): "${count}"`, () => {
      const window = pageWindow({ offset: total > 1 ? 50 : 0, size: 50 }, total);
      expect(pagingCardData(new Translator(locale), window, noun, () => ({})).count).to.equal(count);
    });
  }

  it('Previous/Next carry their direction’s data (the filter is the caller’s)', () => {
    const data = pagingCardData(
      new Translator('en-US'),
      pageWindow({ offset: 50, size: 50 }, 200),
      'results',
      (d) => ({
        verb: 'x',
        query: 'contoso',
        d,
      }),
    );
    expect(data.pager.map((b) => b.data)).to.deep.equal([
      { verb: 'x', query: 'contoso', d: 'previous' },
      { verb: 'x', query: 'contoso', d: 'next' },
    ]);
  });
});
