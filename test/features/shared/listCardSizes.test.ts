import { expect } from 'chai';
import { CardFactory, MessageFactory } from 'botbuilder';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { jsonBytes, pageWindow, TEAMS_CARD_BYTE_LIMIT } from '../../../src/domain/paging/paging.js';
import type { Customer } from '../../../src/domain/customers/customer.js';
import type { CustomerSummary } from '../../../src/domain/services/customerDirectory.js';
import type { CustomerSubscriptions } from '../../../src/domain/services/subscriptionService.js';
import type { AzureEntitlement, Subscription } from '../../../src/domain/subscriptions/subscription.js';
import type { Locale } from '../../../src/i18n/locale.js';
import { Translator } from '../../../src/i18n/translator.js';
import {
  customerListCardData,
  customerPickCardData,
} from '../../../src/features/shared/customerPresenter.js';
import { adaptiveCardProblems } from '../../cards/adaptiveCardValidator.js';
import {
  CUSTOMER_PAGE_SIZE,
  CUSTOMER_TRAIL_TOKENS,
  SUBSCRIPTION_PAGE_SIZE,
} from '../../../src/features/shared/pageSizes.js';
import { subscriptionsCardData } from '../../../src/features/subscriptions/subscriptionPresenter.js';
import { PARTNER, user } from '../../support/fakeDirectory.js';
import {
  agreementHistoryCardData,
  AGREEMENT_PAGE_SIZE,
} from '../../../src/features/attest/attestPresenter.js';
import type { Agreement } from '../../../src/domain/agreements/agreement.js';
import { CONTACT_FIELD_MAX_LENGTH } from '../../../src/domain/agreements/attestationRules.js';
import { Decimal } from 'decimal.js';
import type { CustomerReconReport, ReconReport } from '../../../src/features/recon/reconReport.js';
import { reconCustomerCard, reconSummaryCard } from '../../../src/features/recon/reconCards.js';
import { fixedClock } from '../../../src/domain/clock.js';
import type { RegionRanking } from '../../../src/domain/prices/cheapestRegion.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { buildRankingCard, RANKING_LIMIT } from '../../../src/features/prices/rankingCard.js';
import { EU_SNAPSHOT, FINOPS_DIR } from '../../priceData/fixtures.js';

/**
 * Every list card at 10,000 items, with the longest names in the widest script (Korean: 3 bytes a
 * character), measured as Teams counts it: the UTF-8 JSON of the whole outgoing activity.
 */
const ITEMS = 10_000;
/** Longest company name taken into account (Partner Center's company profile field). */
const LONGEST_NAME = 255;
const LONGEST_DOMAIN = 'a'.repeat(48) + '.onmicrosoft.com';
const KOREAN = '가나다라마바사아자차카타파하';
const longKorean = (length: number, salt: number) =>
  Array.from({ length }, (_, i) => KOREAN[(i + salt) % KOREAN.length]).join('');

const renderer = new CardRenderer(defaultCardDirectories());
const actor = {
  partner: { ...PARTNER, name: longKorean(120, 0) },
  user: user('u-1', 'Admin', ['AdminAgent']),
};

/** The activity the bot sends for this card (envelope ids as long as Teams' own). */
function activityBytes(card: Record<string, unknown>): number {
  const activity = {
    ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
    id: 'f:' + '9'.repeat(60),
    from: { id: '28:' + 'b'.repeat(36), name: 'Partner Assistant' },
    recipient: { id: '29:' + 'c'.repeat(120), name: longKorean(40, 3), aadObjectId: 'd'.repeat(36) },
    conversation: { id: 'a:' + 'e'.repeat(120), conversationType: 'personal', tenantId: 'f'.repeat(36) },
    replyToId: '1'.repeat(13),
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    channelId: 'msteams',
    locale: 'ko-KR',
  };
  return jsonBytes(activity);
}

function customer(n: number): Customer {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    companyName: longKorean(LONGEST_NAME, n),
    domain: `${n}${LONGEST_DOMAIN}`,
    country: 'KR',
    resellerOfRecord: '1234567',
    relationship: 'Reseller',
  };
}

/** A row in its longest state: attested by a long-named user, plan and legacy, transition running. */
function summary(n: number): CustomerSummary {
  return {
    customer: customer(n),
    mca: {
      kind: 'attested',
      count: 3,
      latest: {
        customerId: customer(n).id,
        dateAgreed: '2026-11-02',
        recordedAt: '2026-11-02T00:00:00Z',
        userId: 'x',
        userDisplayName: longKorean(64, n),
      } as never,
    },
    azurePlanIds: ['p'],
    legacySubscriptionIds: ['l1', 'l2'],
    upgrade: { id: 'u', status: 'inProgress' as never },
  };
}

function subscriptionsState(): CustomerSubscriptions {
  const plan = {
    id: 'plan-1',
    customerId: customer(1).id,
    offerId: 'DZH318Z0BPS6:0001',
    offerName: 'Azure plan',
    friendlyName: 'Azure plan',
    quantity: 1,
    billingCycle: 'monthly',
    status: 'active',
    creationDate: '2026-01-01T00:00:00Z',
    partnerIdOnRecord: '1234567',
  } satisfies Subscription;
  const azureSubscriptions: AzureEntitlement[] = Array.from({ length: ITEMS }, (_, i) => ({
    id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    friendlyName: longKorean(64, i),
    status: 'active',
  })) as AzureEntitlement[];
  return {
    customer: customer(1),
    plans: [{ plan, azureSubscriptions, reseller: { name: longKorean(120, 1), mpnId: '1234567' } } as never],
    legacy: [],
  };
}

/** Attestations with contacts as long as the form takes (Korean names, the longest e-mail). */
function agreements(): Agreement[] {
  return Array.from({ length: ITEMS }, (_, i) => ({
    customerId: customer(1).id,
    primaryContact: {
      firstName: longKorean(CONTACT_FIELD_MAX_LENGTH.firstName, i),
      lastName: longKorean(CONTACT_FIELD_MAX_LENGTH.lastName, i + 1),
      email: `${'m'.repeat(60)}@${'d'.repeat(CONTACT_FIELD_MAX_LENGTH.email - 66)}.kr`,
      phoneNumber: '+'.padEnd(CONTACT_FIELD_MAX_LENGTH.phoneNumber, '9'),
    },
    dateAgreed: '2026-11-02T00:00:00.000Z',
    templateId: '117a69e4-7bd5-4b1c-8b39-aed9a7d4d7a5',
    type: 'MicrosoftCustomerAgreement',
    userId: 'f'.repeat(36),
    userDisplayName: longKorean(64, i),
    recordedAt: `2026-11-02T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    agreementLink: 'https://aka.ms/customeragreement',
  }));
}

/** A reconciliation row of a customer in its longest state (Korean names, every fact, 5 lossy resources). */
function reconCustomer(n: number, flagged: number): CustomerReconReport {
  const money = new Decimal('123456789.99');
  return {
    customerId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    customerName: longKorean(LONGEST_NAME, n),
    pricingCurrency: 'USD',
    billingCurrency: 'KRW',
    rows: 99_999_999,
    excludedRows: 99_999_999,
    pecEarned: money,
    pecLost: money,
    pecEarnedBilling: money,
    pecLostBilling: money,
    lostByResource: Array.from({ length: 5 }, (_, i) => ({
      // Resource groups may be Unicode (90 characters); resource names up to 80 here.
      resourceUri: `/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/${longKorean(80, i)}`,
      subscriptionId: 's',
      resourceGroup: longKorean(90, i + 1),
      // Every other day: the most day ranges a line shows.
      days: Array.from({ length: 16 }, (_, d) => `2026-07-${String(1 + 2 * d).padStart(2, '0')}`),
      lost: money,
      lostBilling: money,
    })),
    flagCounts: {
      pecMissing: 99_999_999,
      pecUnexpected: 0,
      effectivePriceMismatch: 0,
      totalMismatch: 99_999_999,
    },
    flaggedRows: Array.from({ length: flagged }, (_, i) => ({
      line: 99_999_999 - i,
      kind: i % 2 === 0 ? 'totalMismatch' : 'effectivePriceMismatch',
      usageDate: '2026-07-12',
      resourceUri: `/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/${longKorean(80, i)}`,
      meterName: 'D2s v3',
    })),
  };
}

/** A report of 10,000 customers from a file with the longest name Teams gives a file (255). */
const RECON_FILE = `${longKorean(251, 9)}.csv`;
function reconReport(): ReconReport {
  return {
    customers: Array.from({ length: ITEMS }, (_, i) => reconCustomer(i, 0)),
    import: {
      rowsRead: 99_999_999,
      rowsAccepted: 99_999_999,
      badRows: 99_999_999,
      errors: Array.from({ length: 5 }, (_, i) => ({ line: 99_999_990 + i, problems: ['x'] })),
    },
  };
}
const RECON_SOURCE = {
  fileName: RECON_FILE,
  synthetic: true,
  cardsShown: 5,
  reportId: 'f'.repeat(36),
  offset: 5000,
};

/**
 * The EU snapshot's ranking of the longest-named VM question, over 10,000 regions with names as
 * long as Korean region names get (20 characters), half of them without a price.
 */
function ranking(): Extract<RegionRanking, { kind: 'ranking' }> {
  const prices = new PriceService({
    paths: { snapshotDir: EU_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null, cacheDir: null },
    clock: fixedClock('2026-08-25T10:00:00Z'),
  });
  prices.load();
  const real = prices.rankRegions('D4s v5 windows');
  if (real?.kind !== 'ranking') throw new Error('the EU snapshot ranks D4s v5 windows');
  const base = real.ranked[0];
  const id = (i: number) => `region-${i}`;
  const ranked = Array.from({ length: ITEMS }, (_, i) => ({
    ...base,
    regionId: id(i),
    row: { ...base.row, armRegionName: id(i), unitPrice: base.row.unitPrice.plus(i) },
    percentAboveCheapest: new Decimal('123456.789'),
  }));
  const all = Array.from({ length: 2 * ITEMS }, (_, i) => id(i));
  return {
    ...real,
    ranked,
    covered: all,
    unpriced: all.slice(ITEMS),
    snapshot: {
      ...real.snapshot,
      regions: all,
      regionNames: Object.fromEntries(all.map((regionId, i) => [regionId, longKorean(20, i)])),
    },
  };
}

const CASES: { card: string; data: (t: Translator) => object; counts?: false }[] = [
  {
    // The picker lists no page: a few static choices, Teams' typeahead searches the 10,000.
    card: 'customer-pick',
    counts: false,
    data: (t) =>
      customerPickCardData(
        t,
        longKorean(100, 4),
        Array.from({ length: ITEMS }, (_, i) => customer(i)),
        { verb: 'customer.pick', flowId: 'f'.repeat(36) },
        [{ title: t.t('flow.cancel'), data: { verb: 'flow.cancel', flowId: 'f'.repeat(36) } }],
      ),
  },
  {
    card: 'result',
    data: (t) =>
      agreementHistoryCardData(t, customer(1), { kind: 'none' }, agreements(), 5000, AGREEMENT_PAGE_SIZE),
  },
  {
    card: 'customer-list',
    data: (t) =>
      customerListCardData(
        t,
        actor,
        Array.from({ length: CUSTOMER_PAGE_SIZE }, (_, i) => summary(5000 + i)),
        {
          window: pageWindow({ offset: 5000, size: CUSTOMER_PAGE_SIZE }, ITEMS),
          data: (direction) => ({
            verb: 'customers.page',
            page: 501,
            token: 'T'.repeat(400),
            trail: Array.from({ length: CUSTOMER_TRAIL_TOKENS }, () => 'T'.repeat(400)),
            direction,
          }),
        },
      ),
  },
  {
    card: 'subscriptions',
    data: (t) =>
      subscriptionsCardData(t, actor, subscriptionsState(), longKorean(100, 2), 5000, SUBSCRIPTION_PAGE_SIZE),
  },
  {
    // The summary of a reconciliation: its customers, a page at a time.
    card: 'recon-summary',
    data: (t) => reconSummaryCard(t, reconReport(), RECON_SOURCE),
  },
  {
    // One customer's card: its rows to check, a page at a time.
    card: 'recon-report',
    data: (t) => reconCustomerCard(t, reconCustomer(1, ITEMS), RECON_SOURCE),
  },
  {
    // Cheapest regions for one price: every region with a price, a page at a time.
    card: 'price-ranking',
    data: (t) =>
      buildRankingCard(ranking(), t, RANKING_LIMIT, { question: longKorean(500, 5), offset: 5000 }),
  },
];

describe('List cards at 10,000 items stay under Teams’ 28 KB', () => {
  for (const locale of ['en-US', 'ko-KR'] as Locale[]) {
    for (const { card, data, counts } of CASES) {
      it(`${card} (${locale}): under ${TEAMS_CARD_BYTE_LIMIT} bytes${counts === false ? '' : ', and the count says 10,000'}`, () => {
        const rendered = renderer.render(card, data(new Translator(locale)));
        const bytes = activityBytes(rendered);
        console.log(`      ${card} ${locale}: ${bytes} bytes`);
        expect(bytes).to.be.below(TEAMS_CARD_BYTE_LIMIT);
        expect(adaptiveCardProblems(rendered)).to.deep.equal([]);
        if (counts !== false) expect(JSON.stringify(rendered)).to.include('10,000');
        // Both paging buttons, as Universal Actions.
        expect(JSON.stringify(rendered)).to.match(/"Action\.Execute"/);
      });
    }
  }
});
