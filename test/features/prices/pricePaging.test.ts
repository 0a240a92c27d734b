import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { Activity, MessagingExtensionQuery, Middleware } from 'botbuilder';
import { fixedClock } from '../../../src/domain/clock.js';
import type { RegionRanking } from '../../../src/domain/prices/cheapestRegion.js';
import { priceFeature, searchWindow } from '../../../src/features/prices/priceCommands.js';
import { buildRankingCard } from '../../../src/features/prices/rankingCard.js';
import { Translator } from '../../../src/i18n/translator.js';
import { PriceService, type PriceSearchHit } from '../../../src/priceData/priceService.js';
import { BotHarness, cards, cardOf, textOf } from '../../support/botHarness.js';
import { FakeDirectory, user } from '../../support/fakeDirectory.js';
import { EU_SNAPSHOT, FINOPS_DIR } from '../../priceData/fixtures.js';

type Ranked = Extract<RegionRanking, { kind: 'ranking' }>;

const LEE = user('aad-lee', 'Lee Gu', ['SalesAgent']);
const REGIONS = 60;
const paths = { snapshotDir: EU_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null, cacheDir: null };
const clock = fixedClock('2026-08-25T10:00:00Z');

/** The EU snapshot's ranking of a question, spread over 60 regions (region-1 … region-60), cheapest first. */
function widen(ranking: Ranked, regions = REGIONS): Ranked {
  const base = ranking.ranked[0];
  const ranked = Array.from({ length: regions }, (_, i) => {
    const regionId = `region-${i + 1}`;
    return {
      ...base,
      regionId,
      row: { ...base.row, armRegionName: regionId, unitPrice: base.row.unitPrice.plus(i / 100) },
      percentAboveCheapest: new Decimal(i),
    };
  });
  const regionNames = Object.fromEntries(ranked.map((r) => [r.regionId, `Region ${r.regionId.slice(7)}`]));
  return {
    ...ranking,
    ranked,
    covered: ranked.map((r) => r.regionId),
    unpriced: [],
    snapshot: { ...ranking.snapshot, regionNames, regions: ranked.map((r) => r.regionId) },
  };
}

/** The EU snapshot, except that whatever ranks, ranks over 60 regions. */
class SixtyRegions extends PriceService {
  override rankRegions(question: string): RegionRanking | null {
    const ranking = super.rankRegions(question);
    return ranking?.kind === 'ranking' ? widen(ranking) : ranking;
  }
}

/** 10,000 message-extension hits (one real answer, renamed). */
class TenThousandHits extends PriceService {
  override search(query: string, limit = 5): PriceSearchHit[] {
    const [hit] = super.search('D4s v5 windows weu 730h', 1);
    return Array.from({ length: Math.min(limit, 10_000) }, (_, i) => ({
      ...hit,
      row: { ...hit.row, skuName: `D${i}s v5`, meterName: `D${i}s v5` },
    }));
  }
}

function chat(prices: PriceService) {
  const harness = new BotHarness(new FakeDirectory([LEE]), [priceFeature(prices, cards)]);
  const updated: Partial<Activity>[] = [];
  const recorder: Middleware = {
    onTurn: async (context, next) => {
      context.onUpdateActivity(async (_context, activity, nextUpdate) => {
        await nextUpdate();
        updated.push(activity);
      });
      await next();
    },
  };
  harness.adapter.use(recorder);
  return {
    say: (text: string, locale = 'en-US') => harness.say({ aadObjectId: LEE.aadObjectId, locale }, text),
    async press(data: Record<string, unknown>, locale = 'en-US') {
      updated.splice(0);
      const replies = await harness.say({ aadObjectId: LEE.aadObjectId, locale }, data, {
        replyToId: 'card-1',
      });
      return { replies, updates: [...updated] };
    },
  };
}

const cardText = (card: unknown) => textOf({ attachments: [{ contentType: 'x', content: card }] });

/** The Action.Execute buttons of a card (not their fallbacks). */
function buttons(card: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item));
    else if (node && typeof node === 'object' && key !== 'fallback') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute')
        found.set(record.title as string, record.data as Record<string, unknown>);
      for (const [child, value] of Object.entries(record)) walk(value, child);
    }
  };
  walk(card);
  return found;
}

describe('price lists are paged: the cheapest-region ranking and the message-extension search', function () {
  this.timeout(60_000);
  let sixty: SixtyRegions;
  let tenThousand: TenThousandHits;

  before(() => {
    sixty = new SixtyRegions({ paths, clock });
    sixty.load();
    tenThousand = new TenThousandHits({ paths, clock });
    tenThousand.load();
  });

  describe('the ranking', () => {
    it('Next and Previous page through every region, keep the question and turn the card in place', async () => {
      const bot = chat(sixty);
      const [reply] = await bot.say('cheapest region for D4s v5 windows');
      const first = cardOf(reply);
      expect(cardText(first)).to.contain('1–5 of 60 regions').and.contain('All 60 regions with a price');
      expect([...buttons(first).keys()]).to.deep.equal(['Next']);
      const next = buttons(first).get('Next')!;
      expect(next).to.deep.equal({ verb: 'price.ranking', question: 'D4s v5 windows', offset: 5 });

      const second = await bot.press(next);
      expect(second.replies, 'no new message').to.deep.equal([]);
      expect(second.updates[0].id).to.equal('card-1');
      const page2 = cardOf(second.updates[0]);
      expect(cardText(page2))
        .to.contain('6–10 of 60 regions')
        .and.contain('6. Region 6')
        .and.not.contain('5. Region 5');
      // The same question (Windows, D4s v5), ranked again: still Windows prices.
      expect(cardText(page2)).to.contain('Cheapest regions for D4s v5 (Windows)');
      expect([...buttons(page2).keys()]).to.deep.equal(['Previous', 'Next']);
      const back = await bot.press(buttons(page2).get('Previous')!);
      expect(cardText(cardOf(back.updates[0])))
        .to.contain('1–5 of 60 regions')
        .and.contain('1. Region 1');
    });

    it('in Korean: the count line and the buttons', async () => {
      const bot = chat(sixty);
      const [reply] = await bot.say('D4s v5 윈도우 가장 싼 지역', 'ko-KR');
      const next = buttons(cardOf(reply)).get('다음')!;
      const { updates } = await bot.press(next, 'ko-KR');
      const text = cardText(cardOf(updates[0]));
      expect(text).to.contain('지역 60개 중 6–10').and.contain('가격이 있는 지역 60개 전체, 낮은 가격순');
      expect([...buttons(cardOf(updates[0])).keys()]).to.deep.equal(['이전', '다음']);
    });

    const forged: Array<[string, Record<string, unknown>, string]> = [
      [
        'a page far past the end: the last',
        { question: 'D4s v5 windows', offset: 1e9 },
        '56–60 of 60 regions',
      ],
      ['a negative page: the first', { question: 'D4s v5 windows', offset: -5 }, '1–5 of 60 regions'],
      [
        'a page that is not a number: the first',
        { question: 'D4s v5 windows', offset: '5' },
        '1–5 of 60 regions',
      ],
      ['no question', { offset: 5 }, 'question'],
      ['an empty question', { question: '   ', offset: 5 }, 'question'],
      ['a question longer than any typed one', { question: 'D4s '.repeat(200), offset: 5 }, 'question'],
      // A question that no longer ranks (e.g. a new snapshot without it): the plain answer says what is missing.
      ['a question that ranks nothing', { question: 'Z99 v9', offset: 5 }, 'Which VM size'],
    ];
    for (const [name, data, expected] of forged) {
      it(`forged card data is checked again: ${name}`, async () => {
        const { replies, updates } = await chat(sixty).press({ verb: 'price.ranking', ...data });
        const text = [...replies, ...updates].map(textOf).join('\n');
        expect(text).to.contain(expected);
        expect(text).not.to.match(/something went wrong/i);
      });
    }

    it('names at most 60 regions in its notes and counts the rest', () => {
      const ranking = widen(sixty.rankRegions('D4s v5 windows') as Ranked, 75);
      const data = buildRankingCard(ranking, new Translator('en-US'));
      expect(data.notes[0].text).to.match(/Region 60, and 15 more regions\.$/);
      const korean = buildRankingCard(ranking, new Translator('ko-KR'));
      expect(korean.notes[0].text).to.match(/그 밖의 지역 15개$/);
    });
  });

  describe('the message-extension search honours Teams’ skip and count', () => {
    const query = (queryOptions?: { skip?: number; count?: number }): MessagingExtensionQuery => ({
      commandId: 'priceSearch',
      parameters: [{ name: 'query', value: 'D4s v5' }],
      ...(queryOptions ? { queryOptions } : {}),
    });
    const titles = async (prices: PriceService, options?: { skip?: number; count?: number }) => {
      const response = await priceFeature(prices, cards).messageExtensionQuery!(
        query(options),
        new Translator('en-US'),
      );
      return {
        type: response.composeExtension?.type,
        titles: (response.composeExtension?.attachments ?? []).map(
          (a) => (a.preview?.content as { title: string }).title.split(' · ')[0],
        ),
      };
    };

    const cases: Array<[string, { skip?: number; count?: number } | undefined, string[]]> = [
      ['the first page', { skip: 0, count: 25 }, Array.from({ length: 25 }, (_, i) => `D${i}s v5`)],
      ['the second page', { skip: 25, count: 25 }, Array.from({ length: 25 }, (_, i) => `D${25 + i}s v5`)],
      [
        'mobile pages of 10',
        { skip: 9_980, count: 10 },
        Array.from({ length: 10 }, (_, i) => `D${9_980 + i}s v5`),
      ],
      [
        'the last page is shorter (Teams stops asking)',
        { skip: 9_990, count: 25 },
        Array.from({ length: 10 }, (_, i) => `D${9_990 + i}s v5`),
      ],
      ['past the end: an empty page, not "no match"', { skip: 10_000, count: 25 }, []],
      ['no options: the first 25', undefined, Array.from({ length: 25 }, (_, i) => `D${i}s v5`)],
      [
        'a count beyond what Teams asks: 25',
        { skip: 0, count: 1000 },
        Array.from({ length: 25 }, (_, i) => `D${i}s v5`),
      ],
      ['a negative skip: from the start', { skip: -50, count: 2 }, ['D0s v5', 'D1s v5']],
    ];
    for (const [name, options, expected] of cases) {
      it(`${name}`, async () => {
        const found = await titles(tenThousand, options);
        expect(found.type).to.equal('result');
        expect(found.titles).to.deep.equal(expected);
      });
    }

    it('with the real snapshot: every hit once over the pages, then nothing', async () => {
      const real = new PriceService({ paths, clock });
      real.load();
      const all = (await titles(real, { skip: 0, count: 25 })).titles;
      expect(all.length).to.be.greaterThan(2);
      const paged: string[] = [];
      for (let skip = 0; skip < all.length + 2; skip += 2)
        paged.push(...(await titles(real, { skip, count: 2 })).titles);
      expect(paged).to.deep.equal(all);
    });

    it('nothing found at all: the "no match" message', async () => {
      const real = new PriceService({ paths, clock });
      real.load();
      const response = await priceFeature(real, cards).messageExtensionQuery!(
        {
          commandId: 'priceSearch',
          parameters: [{ name: 'query', value: 'zzz qqq' }],
          queryOptions: { skip: 0, count: 25 },
        },
        new Translator('en-US'),
      );
      expect(response.composeExtension?.type).to.equal('message');
    });

    it('skip and count are made whole and bounded', () => {
      expect(searchWindow({ skip: 2.7, count: 9.9 })).to.deep.equal({ skip: 2, count: 9 });
      expect(searchWindow({ skip: Number.NaN, count: 0 })).to.deep.equal({ skip: 0, count: 1 });
      expect(searchWindow({ skip: '5', count: '5' })).to.deep.equal({ skip: 0, count: 25 });
    });
  });
});
