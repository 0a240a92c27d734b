import { expect } from 'chai';
import { fixedClock } from '../../../src/domain/clock.js';
import { buildPriceAnswerCard } from '../../../src/features/prices/priceCards.js';
import { Translator } from '../../../src/i18n/translator.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { EU_SNAPSHOT, FINOPS_DIR } from '../../priceData/fixtures.js';

describe('price answer: 1-year savings plan vs pay-as-you-go net of PEC (shipped EU snapshot)', () => {
  const service = new PriceService({
    paths: { snapshotDir: EU_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null, cacheDir: null },
    clock: fixedClock('2026-08-25T10:00:00Z'),
  });
  before(() => service.load());

  function cardText(question: string, locale: 'en-US' | 'ko-KR'): string {
    const answer = service.ask(question, locale);
    if (answer.kind !== 'answer') throw new Error(`no answer for ${question}: ${answer.kind}`);
    const card = buildPriceAnswerCard(answer, new Translator(locale));
    return [...card.facts.map((f) => `${f.title}: ${f.value}`), ...card.notes.map((n) => n.text)].join('\n');
  }

  const cases = [
    {
      locale: 'en-US' as const,
      q: 'D4s v5 savings plan vs payg in west europe',
      expect: [
        'beats pay-as-you-go net of PEC ($0.1955 per hour)',
        'more than 89.4% of the hours',
        '$15.11 a month',
        '76%',
      ],
    },
    {
      locale: 'ko-KR' as const,
      q: '서유럽 D4s v5 절약 플랜 종량제 비교',
      expect: ['PEC 차감 후 종량제(시간당 US$0.1955)', '89.4%', '76%'],
    },
    {
      locale: 'en-US' as const,
      q: 'EC8adsv6 savings plan or pay as you go in sweden central',
      expect: [
        'Pay-as-you-go net of PEC ($0.52785 per hour) costs less than the 1-year savings plan ($0.621 per hour)',
      ],
    },
    {
      locale: 'ko-KR' as const,
      q: '스웨덴 중부 EC8adsv6 절약 플랜 비교',
      expect: ['PEC 차감 후 종량제(시간당 US$0.52785)가 1년 절약 플랜(시간당 US$0.621)보다 저렴합니다'],
    },
    {
      locale: 'en-US' as const,
      q: 'D4s v5 windows savings plan vs payg west europe',
      expect: ['The snapshot has no 1-year savings-plan price for this meter, so I cannot say'],
    },
    {
      locale: 'ko-KR' as const,
      q: '서유럽 D4s v5 윈도우 절약 플랜 비교',
      expect: ['스냅샷에 이 미터의 1년 절약 플랜 가격이 없어'],
    },
  ];
  for (const c of cases) {
    it(`${c.locale}: ${c.q}`, () => {
      const text = cardText(c.q, c.locale);
      for (const part of c.expect) expect(text).to.include(part);
    });
  }
});
