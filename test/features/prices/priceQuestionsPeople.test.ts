import { expect } from 'chai';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { fixedClock } from '../../../src/domain/clock.js';
import type { PriceAnswer } from '../../../src/domain/prices/priceAnswer.js';
import { Translator } from '../../../src/i18n/translator.js';
import { answerText, buildPriceCard } from '../../../src/features/prices/priceCards.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';
import { EU_SNAPSHOT, FINOPS_DIR } from '../../priceData/fixtures.js';

const translators = { 'en-US': new Translator('en-US'), 'ko-KR': new Translator('ko-KR') } as const;
type Locale = keyof typeof translators;

function localeOf(question: string): Locale {
  return /[\uAC00-\uD7A3]/.test(question) ? 'ko-KR' : 'en-US';
}

describe('price questions as partners type them (EU snapshot, 5 regions)', () => {
  const service = new PriceService({
    paths: { snapshotDir: EU_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null, cacheDir: null },
    clock: fixedClock('2026-08-25T10:00:00Z'),
  });
  before(() => service.load());
  const ask = (question: string): { answer: PriceAnswer; text: string } => {
    const locale = localeOf(question);
    const answer = service.ask(question, locale);
    const card = buildPriceCard(answer, translators[locale]);
    return { answer, text: `${answerText(answer, translators[locale])}\n${JSON.stringify(card.data)}` };
  };

  describe('numbers in every form, en-US and ko-KR', () => {
    const cases: [string, string, string][] = [
      ['D4s v5 x 1,010,000 hours in West Europe', '1010000', '232300'],
      ['D4s v5 1 010 000 hours in West Europe', '1010000', '232300'],
      ['D4s v5 for 1.5k hours in West Europe', '1500', '345'],
      ['D4s v5 for 1.010.000 hours in West Europe', '1010000', '232300'],
      ['서유럽 D4s v5 10만 시간', '100000', '23000'],
      ['서유럽 D4s v5 1,010,000시간', '1010000', '232300'],
      ['서유럽 D4s v5 1 010 000 시간', '1010000', '232300'],
      ['서유럽 D4s v5 1.5천 시간', '1500', '345'],
    ];
    for (const [question, quantity, total] of cases) {
      it(`"${question}" → ${quantity} hours, ${total} USD`, () => {
        const { answer } = ask(question);
        expect(answer.kind).to.equal('answer');
        if (answer.kind !== 'answer') return;
        expect(answer.quantity?.toFixed()).to.equal(quantity);
        expect(answer.total?.toFixed()).to.equal(total);
      });
    }

    const kept: [string, string][] = [
      ['D2s v3 5 in West Europe', 'I did not use 5 in the total'],
      ['서유럽 D2s v3 7 가격', '7은(는) 합계에 사용하지 않았습니다'],
      ['P30 disk 512 GiB in West Europe', 'I did not use 512 GiB for this price'],
      ['서유럽 P30 디스크 512GB', '512GB은(는) 이 가격에 사용하지 않았습니다'],
    ];
    for (const [question, said] of kept) {
      it(`"${question}" says which quantity it did not use`, () => {
        expect(ask(question).text).to.include(said);
      });
    }
  });

  describe('storage capacity from the snapshot storage rows, with the tier caveat', () => {
    const cases: [string, string, string, string, string, string[]][] = [
      [
        '1 TB of hot LRS blob storage in west europe',
        'General Block Blob v2',
        'Hot LRS Data Stored',
        'westeurope',
        '18.464768',
        ['West Europe', 'is priced in volume tiers in Azure', 'keeps only one tier'],
      ],
      [
        '서유럽 핫 LRS blob 스토리지 1TB',
        'General Block Blob v2',
        'Hot LRS Data Stored',
        'westeurope',
        '18.464768',
        ['서유럽', '사용량 구간별로 가격이 다르지만', '한 구간의 가격만'],
      ],
      [
        '500 GB of cool ZRS blob storage in North Europe',
        'General Block Blob v2',
        'Cool ZRS Data Stored',
        'northeurope',
        '6.25',
        ['North Europe', 'keeps only one tier'],
      ],
      [
        '스웨덴 중부 아카이브 blob 스토리지 10TB',
        'General Block Blob v2',
        'Archive LRS Data Stored',
        'swedencentral',
        null as unknown as string,
        ['스웨덴 중부', '한 구간의 가격만'],
      ],
      [
        'Azure Files hot LRS 100 GB in France Central',
        'Files v2',
        'Hot LRS Data Stored',
        'francecentral',
        null as unknown as string,
        ['France Central', 'keeps only one tier'],
      ],
    ];
    for (const [question, product, meter, region, total, says] of cases) {
      it(`"${question}" → ${product} · ${meter} in ${region}`, () => {
        const { answer, text } = ask(question);
        expect(answer.kind).to.equal('answer');
        if (answer.kind !== 'answer') return;
        expect([answer.row.productName, answer.row.meterName, answer.row.armRegionName]).to.deep.equal([
          product,
          meter,
          region,
        ]);
        expect(answer.tierCaveat).to.equal(true);
        if (total) expect(answer.total?.toFixed()).to.equal(total);
        for (const phrase of says) expect(text).to.include(phrase);
        expect(text, 'no region ids in answers').to.not.match(
          /westeurope|northeurope|swedencentral|francecentral/,
        );
      });
    }

    it('"hot LRS storage" without blob or files asks which one', () => {
      const { answer } = ask('2 TB hot LRS storage in West Europe');
      expect(answer.kind === 'choices' && answer.choices.map((c) => c.question)).to.deep.equal([
        '2 TB hot LRS storage in West Europe (General Block Blob v2)',
        '2 TB hot LRS storage in West Europe (Files v2)',
      ]);
    });
  });

  describe('a region that is not in the snapshot is said plainly, with the regions that are', () => {
    const cases: [string, string[]][] = [
      [
        '1 TB of hot LRS blob storage in East US',
        [
          'no prices for East US',
          'Belgium Central, France Central, North Europe, Sweden Central, and West Europe',
        ],
      ],
      ['D2s v3 in Japan East', ['no prices for Japan East', 'Sweden Central, and West Europe']],
      ['D2s v3 price in uksouth', ['no prices for UK South']],
      ['미국 동부 핫 LRS blob 스토리지 1TB', ['미국 동부 가격이 없습니다', '벨기에 중부', '서유럽']],
      ['한국 중부 D2s v3 가격', ['한국 중부 가격이 없습니다', '프랑스 중부', '스웨덴 중부']],
    ];
    for (const [question, says] of cases) {
      it(`"${question}"`, () => {
        const { answer, text } = ask(question);
        expect(answer.kind === 'needMore' && answer.missing).to.include('regionNotInSnapshot');
        for (const phrase of says) expect(text).to.include(phrase);
        expect(text).to.not.match(/belgiumcentral|francecentral|northeurope|swedencentral|westeurope|eastus/);
      });
    }

    it('even when the size is missing too', () => {
      const { answer, text } = ask('price in Japan East');
      expect(answer.kind === 'needMore' && answer.missing).to.deep.equal(['size', 'regionNotInSnapshot']);
      expect(text).to.include('no prices for Japan East');
    });
  });

  describe('a word the engine cannot place is never dropped silently', () => {
    /** Typos that would change the price: the bot asks back with the corrected question. */
    const askedBack: [string, string, string[]][] = [
      [
        'D2s v3 spto West Europe',
        'I could not place "spto". Did you mean Spot?',
        ['D2s v3 spot West Europe', 'D2s v3 West Europe'],
      ],
      [
        'D2s v3 spott weu',
        'I could not place "spott". Did you mean Spot?',
        ['D2s v3 spot weu', 'D2s v3 weu'],
      ],
      [
        'D2s v3 low prority in West Europe',
        'I could not place "low prority". Did you mean Low Priority?',
        ['D2s v3 low priority in West Europe', 'D2s v3 in West Europe'],
      ],
      [
        'D2s v3 wndws weu',
        'I could not place "wndws". Did you mean Windows?',
        ['D2s v3 windows weu', 'D2s v3 weu'],
      ],
      [
        'D2s v3 in Nrht Europe',
        'I could not place "Nrht Europe". Did you mean North Europe?',
        ['D2s v3 in North Europe', 'D2s v3 in West Europe'],
      ],
      [
        '서유럽 D2s v3 낮은 우선순이 가격',
        '"낮은 우선순이"를 이해하지 못했습니다. 낮은 우선순위',
        ['서유럽 D2s v3 낮은 우선순위 가격', '서유럽 D2s v3 가격'],
      ],
    ];
    for (const [question, title, questions] of askedBack) {
      it(`"${question}" asks back`, () => {
        const { answer, text } = ask(question);
        expect(answer.kind === 'choices' && answer.topic).to.equal('typo');
        expect(answer.kind === 'choices' && answer.choices.map((c) => c.question)).to.deep.equal(questions);
        expect(text).to.include(title);
        for (const refined of questions)
          expect(service.ask(refined, localeOf(question)).kind).to.equal('answer');
      });
    }

    /** Slips that change nothing, and price types the answers do not cover: said in the answer. */
    const said: [string, string, string][] = [
      ['D2s v3 Linx weu', '0.12', 'I read "Linx" as Linux.'],
      ['D2s v3 Wset Europe', '0.12', 'I read "Wset Europe" as West Europe.'],
      ['D2s v3 in Wset Eurpoe', '0.12', 'I read "Wset Eurpoe" as West Europe.'],
      [
        'D2s v3 reserved in West Europe',
        '0.12',
        'I ignored "reserved": these answers have pay-as-you-go prices only',
      ],
      ['서유럽 D2s v3 리눅수', '0.12', '"리눅수"를 리눅스(으)로 이해했습니다.'],
      ['스웨덴 중뷰 D2s v3', '0.102', '"스웨덴 중뷰"를 스웨덴 중부(으)로 이해했습니다.'],
      [
        '서유럽 D2s v3 1년 예약 가격',
        '0.12',
        '"예약"는 반영하지 않았습니다. 이 답변에는 종량제 가격만 있습니다',
      ],
    ];
    for (const [question, price, note] of said) {
      it(`"${question}" answers ${price} and says "${note}"`, () => {
        const { answer, text } = ask(question);
        expect(answer.kind === 'answer' && answer.row.unitPriceText).to.equal(price);
        expect(text).to.include(note);
      });
    }

    it('everyday words near a price type or region are no typos', () => {
      for (const question of [
        'best price for a D2s v3 in West Europe',
        'D2s v3 cost North Europe, fast',
        'D2s v3 spot price West Europe',
        'cost of D16s v4 low priority in sweden central',
      ]) {
        const { answer } = ask(question);
        expect(answer.kind, question).to.equal('answer');
        expect(answer.kind === 'answer' && answer.understood.unplaced, question).to.deep.equal([]);
      }
    });
  });

  it('the new answers render as valid Adaptive Cards, with a price.pick button per typo choice', () => {
    const renderer = new CardRenderer(defaultCardDirectories());
    for (const question of [
      '1 TB of hot LRS blob storage in west europe',
      '서유럽 핫 LRS blob 스토리지 1TB',
      'D2s v3 spto West Europe',
      '미국 동부 핫 LRS blob 스토리지 1TB',
      'D2s v3 5 in West Europe',
    ]) {
      const locale = localeOf(question);
      const card = buildPriceCard(service.ask(question, locale), translators[locale]);
      const rendered = renderer.render(card.template, card.data);
      expect(adaptiveCardProblems(rendered), question).to.deep.equal([]);
    }
    const typo = buildPriceCard(service.ask('D2s v3 spto West Europe', 'en-US'), translators['en-US']);
    const rendered = renderer.render(typo.template, typo.data) as { actions: { data: unknown }[] };
    expect(rendered.actions.map((action) => action.data)).to.deep.equal([
      { verb: 'price.pick', question: 'D2s v3 spot West Europe' },
      { verb: 'price.pick', question: 'D2s v3 West Europe' },
    ]);
  });
});
