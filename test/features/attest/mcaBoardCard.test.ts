import { expect } from 'chai';
import { CardFactory, MessageFactory } from 'botbuilder';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import {
  boardPage,
  MCA_STATE_KINDS,
  type BoardRow,
  type McaStateKind,
} from '../../../src/domain/agreements/enhancedAttestation.js';
import { jsonBytes, TEAMS_CARD_BYTE_LIMIT } from '../../../src/domain/paging/paging.js';
import { BOARD_PAGE_SIZE } from '../../../src/features/attest/attestFeature.js';
import { boardCardData } from '../../../src/features/attest/mcaPresenter.js';
import type { Locale } from '../../../src/i18n/locale.js';
import { Translator } from '../../../src/i18n/translator.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';

const renderer = new CardRenderer(defaultCardDirectories());
const KOREAN = '가나다라마바사아자차카타파하';
const longKorean = (length: number, salt: number) =>
  Array.from({ length }, (_, i) => KOREAN[(i + salt) % KOREAN.length]).join('');

/** 10,000 customers with the longest names (255 Korean characters: 3 bytes each). */
function rows(count: number): BoardRow[] {
  return Array.from({ length: count }, (_, n) => ({
    customerId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    companyName: longKorean(255, n),
    // Expired links and renewals get the campaign toggle too: the widest rows.
    state: (['linkExpired', 'renewalRequired', 'acceptedViaPartner'] as McaStateKind[])[n % 3]!,
    country: 'KR',
  }));
}

function card(locale: Locale, all: BoardRow[], checked: number, total: number, states: McaStateKind[] = []) {
  const t = new Translator(locale);
  return boardCardData(t, boardPage(all, states, 1, BOARD_PAGE_SIZE, locale), all, {
    states,
    campaignId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    userId: '00000000-0000-0000-0000-0000000000021',
    checked,
    total,
  });
}

/** The activity the bot sends (envelope ids as long as Teams' own). */
function activityBytes(rendered: Record<string, unknown>): number {
  return jsonBytes({
    ...MessageFactory.attachment(CardFactory.adaptiveCard(rendered)),
    id: 'f:' + '9'.repeat(60),
    from: { id: '28:' + 'b'.repeat(36), name: 'Partner Assistant' },
    recipient: { id: '29:' + 'c'.repeat(120), name: longKorean(40, 3), aadObjectId: 'd'.repeat(36) },
    conversation: { id: 'a:' + 'e'.repeat(120), conversationType: 'personal', tenantId: 'f'.repeat(36) },
    replyToId: '1'.repeat(13),
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    channelId: 'msteams',
    locale: 'ko-KR',
  });
}

describe('MCA board while the state index is first built: "checked N of M" and Refresh', () => {
  const cases: Array<{ locale: Locale; checked: number; total: number; line: string }> = [
    {
      locale: 'en-US',
      checked: 3_200,
      total: 10_000,
      line: 'Checked 3,200 of 10,000 customers — refresh for the rest',
    },
    { locale: 'en-US', checked: 0, total: 1, line: 'Checked 0 of 1 customer — refresh for the rest' },
    {
      locale: 'ko-KR',
      checked: 3_200,
      total: 10_000,
      line: '고객 10,000명 중 3,200명 확인 — 나머지는 새로 고침하세요',
    },
  ];
  for (const { locale, checked, total, line } of cases) {
    it(`${locale}, ${checked} of ${total}: "${line}" and a Refresh button that keeps the page and filter`, () => {
      const data = card(locale, rows(checked), checked, total, ['linkExpired']);
      expect(data.progress).to.equal(line);
      const refresh = data.actions.at(-1)!;
      expect(refresh.title).to.equal(new Translator(locale).t('mca.board.refresh'));
      expect(refresh.data).to.deep.include({ verb: 'mca.board', states: 'linkExpired', refresh: true });
      const rendered = JSON.stringify(renderer.render('mca-board', data));
      expect(rendered).to.include(line);
    });
  }

  it('no line and no Refresh once every customer is checked', () => {
    for (const locale of ['en-US', 'ko-KR'] as Locale[]) {
      const data = card(locale, rows(12), 12, 12);
      expect(data.progress).to.equal('');
      expect(data.actions.map((a) => a.data.refresh)).not.to.include(true);
      expect(JSON.stringify(renderer.render('mca-board', data))).not.to.include('10,000');
    }
  });
});

describe('MCA board at 10,000 customers stays under Teams’ 28 KB', () => {
  const all = rows(10_000);
  for (const locale of ['en-US', 'ko-KR'] as Locale[]) {
    for (const [name, checked, states] of [
      ['complete', 10_000, []],
      ['first build running', 3_200, []],
      ['filtered', 10_000, ['linkExpired', 'renewalRequired']],
    ] as Array<[string, number, McaStateKind[]]>) {
      it(`${locale}, ${name}: a valid card under ${TEAMS_CARD_BYTE_LIMIT} bytes with every state counted`, () => {
        const known = all.slice(0, checked);
        const rendered = renderer.render('mca-board', card(locale, known, checked, 10_000, states));
        const bytes = activityBytes(rendered);
        console.log(`      mca-board ${locale} ${name}: ${bytes} bytes`);
        expect(bytes).to.be.below(TEAMS_CARD_BYTE_LIMIT);
        expect(adaptiveCardProblems(rendered)).to.deep.equal([]);
        const json = JSON.stringify(rendered);
        const t = new Translator(locale);
        for (const kind of MCA_STATE_KINDS.filter((k) => known.some((r) => r.state === k)))
          expect(json).to.include(t.t(`mca.state.${kind}`));
        // Ten rows, one action each.
        expect((rendered.body as unknown[]).length).to.be.at.least(BOARD_PAGE_SIZE);
      });
    }
  }
});

describe('MCA board: the page count reads like every other list ("11–20 of 10,000 customers")', () => {
  const cases: Array<{ locale: Locale; text: string }> = [
    { locale: 'en-US', text: '11–20 of 10,000 customers' },
    { locale: 'ko-KR', text: '고객 10,000명 중 11–20' },
  ];
  for (const { locale, text } of cases) {
    it(`${locale}: ${text}`, () => {
      const all = rows(10_000);
      expect(card(locale, all, 10_000, 10_000).pageText).to.equal(text);
    });
  }
});
