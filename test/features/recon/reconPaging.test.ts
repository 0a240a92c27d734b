import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { Activity, Middleware } from 'botbuilder';
import { reconFeature } from '../../../src/features/recon/reconCommands.js';
import { OpenReconReports } from '../../../src/features/recon/openReconReports.js';
import {
  ReconReportBuilder,
  type CustomerReconReport,
  type ReconReport,
} from '../../../src/features/recon/reconReport.js';
import type { ReconRowChecker } from '../../../src/features/recon/reconRowChecker.js';
import type { ReconRow } from '../../../src/features/recon/reconRow.js';
import { reconCustomerCard, reconSummaryCard } from '../../../src/features/recon/reconCards.js';
import { AttachmentDownloader } from '../../../src/attachments/attachmentDownloader.js';
import type { Clock } from '../../../src/domain/clock.js';
import { Translator } from '../../../src/i18n/translator.js';
import { resolvePricePaths } from '../../../src/priceData/pricePaths.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../../../src/features/recon/syntheticRecon.js';
import { generateSyntheticReconFiles } from '../../../src/features/recon/syntheticReconFiles.js';
import { BotHarness, cardOf, silentLogger, textOf } from '../../support/botHarness.js';
import { FakeDirectory, PARTNER, user } from '../../support/fakeDirectory.js';
import { LoopbackHttpsServer } from '../../support/loopbackHttps.js';

const FIXTURE = 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope';
const LEE = user('aad-lee', 'Lee Gu', ['BillingAdmin']);
const ALEX = user('aad-alex', 'Alex Wilber', ['BillingAdmin']);
const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);
const OWNER = `${PARTNER.tenantId}/${LEE.aadObjectId}`;
const EXPIRED_EN = 'That reconciliation is no longer open — upload the file again.';
const EXPIRED_KO = '이 대사 결과는 더 이상 열려 있지 않습니다. 파일을 다시 올려 주세요.';

/** A clock the test moves (the open reports' time limit). */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

function customer(n: number, flagged = 0): CustomerReconReport {
  return {
    customerId: `c-${n}`,
    customerName: `Customer ${String(n).padStart(4, '0')}`,
    pricingCurrency: 'USD',
    billingCurrency: 'EUR',
    rows: 100,
    excludedRows: 0,
    pecEarned: new Decimal(10),
    pecLost: new Decimal(5000 - n),
    pecEarnedBilling: new Decimal(9),
    pecLostBilling: new Decimal(5000 - n),
    lostByResource: [],
    flagCounts: { pecMissing: flagged, pecUnexpected: 0, effectivePriceMismatch: 0, totalMismatch: 0 },
    flaggedRows: Array.from({ length: flagged }, (_, i) => ({
      line: 1000 + i,
      kind: 'pecMissing' as const,
      usageDate: '2026-07-12',
      resourceUri: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${i}`,
      meterName: 'D2s v3',
    })),
  };
}

/** 4,812 customers, the first with 57 rows to check. */
const REPORT: ReconReport = {
  customers: Array.from({ length: 4812 }, (_, i) => customer(i + 1, i === 0 ? 57 : 0)),
};

/** The bot with recon only; every card update is applied to the message it replaces. */
function chat(reports: OpenReconReports, prices: PriceService, downloader?: AttachmentDownloader) {
  const harness = new BotHarness(new FakeDirectory([LEE, ALEX, MEGAN]), [
    reconFeature(prices, silentLogger, downloader, reports),
  ]);
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
    updated,
    /** Sends a card submit answering the card `replyToId`; returns new replies and in-place updates. */
    async press(data: Record<string, unknown>, as = LEE, locale = 'en-US') {
      updated.splice(0);
      const replies = await harness.say({ aadObjectId: as.aadObjectId, locale }, data, {
        replyToId: 'card-1',
      });
      return { replies, updates: [...updated] };
    },
    say: (text: string, extra: Partial<Activity> = {}) =>
      harness.say({ aadObjectId: LEE.aadObjectId }, text, extra),
  };
}

/** Every Action.Execute of a card: title (selectActions have none) and data. */
function executes(card: unknown): Array<{ title?: string; data: Record<string, unknown> }> {
  const found: Array<{ title?: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item));
    else if (node && typeof node === 'object') {
      if (key === 'fallback') return;
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute')
        found.push({
          title: record.title as string | undefined,
          data: record.data as Record<string, unknown>,
        });
      for (const [child, value] of Object.entries(record)) walk(value, child);
    }
  };
  walk(card);
  return found;
}

const button = (card: unknown, title: string) => {
  const found = executes(card).find((action) => action.title === title);
  if (!found) throw new Error(`no "${title}" on the card`);
  return found.data;
};

describe('recon: paging over an imported report', function () {
  this.timeout(60_000);
  let prices: PriceService;

  before(() => {
    prices = new PriceService({
      paths: resolvePricePaths({ PRICE_DATA_DIR: FIXTURE }),
      clock: fixedClock('2026-11-26T12:00:00Z'),
    });
    prices.load();
  });

  it('an uploaded file: the summary pages through every customer in place, keeping the report; a line opens that customer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recon-paging-'));
    const files = await generateSyntheticReconFiles(`${FIXTURE}/fixture_westeurope_small_usd.csv.gz`, dir, {
      ...DEFAULT_SYNTHETIC_OPTIONS,
      customers: 30,
      targetRows: 1_000,
    });
    const server = await new LoopbackHttpsServer().start();
    const url = server.file('/file.csv', await readFile(files.usageFile));
    const downloader = new AttachmentDownloader({
      maxBytes: 10_000_000,
      connectTimeoutMs: 5_000,
      readTimeoutMs: 5_000,
      agent: server.agent,
    });
    try {
      const bot = chat(new OpenReconReports(), prices, downloader);
      const replies = await bot.say('recon', {
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'july-usage.csv',
            content: { downloadUrl: url, fileType: 'csv' },
          },
        ],
      });
      const summary = replies.map(cardOf).find((card) => card && JSON.stringify(card).includes(': summary'));
      const text = (card: unknown) => textOf({ attachments: [{ contentType: 'x', content: card }] });
      const total = Number(/july-usage\.csv: (\d+) customers/.exec(text(summary))?.[1]);
      expect(total).to.be.within(21, 30);
      expect(text(summary)).to.contain(`1–10 of ${total} customers`);
      // Five customer cards follow the summary (the rest are a click away).
      expect(replies.filter((r) => textOf(r).includes('PEC reconciliation: Synthetic'))).to.have.length(5);
      const firstPage = [...text(summary).matchAll(/^- (Synthetic Customer .+?): /gm)].map((m) => m[1]);
      expect(firstPage).to.have.length(10);
      expect(executes(summary).map((a) => a.title ?? 'line')).to.deep.equal([
        ...Array.from({ length: 10 }, () => 'line'),
        'Next',
      ]);

      const next = button(summary, 'Next');
      const second = await bot.press(next);
      expect(second.replies, 'turned in place, no new message').to.deep.equal([]);
      const page2 = cardOf(second.updates[0])!;
      expect(second.updates[0].id).to.equal('card-1');
      expect(text(page2)).to.contain(`11–20 of ${total} customers`).and.contain('july-usage.csv');
      const secondPage = [...text(page2).matchAll(/^- (Synthetic Customer .+?): /gm)].map((m) => m[1]);
      expect(secondPage).to.have.length(10);
      expect(secondPage.filter((name) => firstPage.includes(name))).to.deep.equal([]);
      // The filter (the report) is kept: Previous goes back to the same first page.
      const back = await bot.press(button(page2, 'Previous'));
      expect(text(cardOf(back.updates[0]))).to.contain(`1–10 of ${total} customers`);
      const last = await bot.press(button(page2, 'Next'));
      expect(text(cardOf(last.updates[0]))).to.contain(`21–${total} of ${total} customers`);
      expect(
        executes(cardOf(last.updates[0]))
          .map((a) => a.title)
          .filter(Boolean),
      ).to.deep.equal(['Previous']);

      // A line of the second page opens that customer's own card (a new message).
      const line = executes(page2).find((a) => a.title === undefined)!;
      const opened = await bot.press(line.data);
      expect(textOf(opened.replies[0])).to.contain(`PEC reconciliation: ${secondPage[0]}`);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a customer card pages its rows to check, keeping the customer', async () => {
    const reports = new OpenReconReports();
    const reportId = reports.open(OWNER, REPORT, 'july.csv', false);
    const bot = chat(reports, prices);
    const opened = await bot.press({ verb: 'recon.customer', reportId, customerId: 'c-1' });
    const card = cardOf(opened.replies[0]);
    const text = (c: unknown) => textOf({ attachments: [{ contentType: 'x', content: c }] });
    expect(text(card)).to.contain('1–10 of 57 rows').and.contain('Line 1000,').and.not.contain('Line 1010,');
    const next = button(card, 'Next');
    expect(next).to.deep.include({ verb: 'recon.rows', reportId, customerId: 'c-1', offset: 10 });
    const page2 = cardOf((await bot.press(next)).updates[0]);
    expect(text(page2)).to.contain('PEC reconciliation: Customer 0001').and.contain('11–20 of 57 rows');
    expect(text(page2)).to.contain('Line 1010,').and.not.contain('Line 1000,');
  });

  describe('card data is checked again, never trusted', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'a forged page far past the end: the last page',
        { verb: 'recon.page', offset: 999_999 },
        '4,811–4,812 of 4,812 customers',
      ],
      ['a negative page: the first', { verb: 'recon.page', offset: -30 }, '1–10 of 4,812 customers'],
      [
        'a page that is not a number: the first',
        { verb: 'recon.page', offset: 'x' },
        '1–10 of 4,812 customers',
      ],
      [
        'an offset inside a page: that page',
        { verb: 'recon.page', offset: 4_805 },
        '4,801–4,810 of 4,812 customers',
      ],
      [
        'rows past the end: the last page',
        { verb: 'recon.rows', customerId: 'c-1', offset: 1e9 },
        '51–57 of 57 rows',
      ],
      [
        'a customer not in the report',
        { verb: 'recon.customer', customerId: 'c-forged' },
        'That customer is not in this reconciliation of july.csv.',
      ],
      [
        'rows of a customer not in the report',
        { verb: 'recon.rows', customerId: 42, offset: 0 },
        'That customer is not in this reconciliation of july.csv.',
      ],
    ];
    for (const [name, data, expected] of cases) {
      it(`${name}: "${expected}"`, async () => {
        const reports = new OpenReconReports();
        const reportId = reports.open(OWNER, REPORT, 'july.csv', false);
        const bot = chat(reports, prices);
        const { replies, updates } = await bot.press({ ...data, reportId });
        expect([...replies, ...updates].map(textOf).join('\n')).to.contain(expected);
      });
    }

    for (const [name, reportId] of [
      ['an unknown report id', 'forged-id'],
      ['no report id', undefined],
      ['a report id that is not text', { $ne: null }],
    ] as const) {
      it(`${name}: the reconciliation is no longer open`, async () => {
        const reports = new OpenReconReports();
        reports.open(OWNER, REPORT, 'july.csv', false);
        const bot = chat(reports, prices);
        for (const verb of ['recon.page', 'recon.customer', 'recon.rows']) {
          const { replies, updates } = await bot.press({ verb, reportId, customerId: 'c-1', offset: 10 });
          expect(updates).to.deep.equal([]);
          expect(replies.map(textOf)).to.deep.equal([EXPIRED_EN]);
        }
      });
    }

    it('another user of the partner cannot page someone else’s report (it is not open for them)', async () => {
      const reports = new OpenReconReports();
      const reportId = reports.open(OWNER, REPORT, 'july.csv', false);
      const { replies } = await chat(reports, prices).press(
        { verb: 'recon.page', reportId, offset: 10 },
        ALEX,
      );
      expect(replies.map(textOf)).to.deep.equal([EXPIRED_EN]);
    });

    it('a Sales agent is refused (recon is billing data), naming the roles', async () => {
      const reports = new OpenReconReports();
      const reportId = reports.open(OWNER, REPORT, 'july.csv', false);
      const { replies } = await chat(reports, prices).press(
        { verb: 'recon.page', reportId, offset: 10 },
        MEGAN,
      );
      expect(textOf(replies[0])).to.contain('You cannot');
    });
  });

  it('an expired report (past its time limit) says so in English and Korean', async () => {
    const clock = movableClock('2026-12-01T09:00:00Z');
    const reports = new OpenReconReports(clock, { maxReports: 10, ttlMs: 60 * 60 * 1000 });
    const reportId = reports.open(OWNER, REPORT, 'july.csv', false);
    const bot = chat(reports, prices);
    const open = await bot.press({ verb: 'recon.page', reportId, offset: 10 });
    expect(textOf(open.updates[0])).to.contain('11–20 of 4,812 customers');
    clock.advance(60 * 60 * 1000);
    expect((await bot.press({ verb: 'recon.page', reportId, offset: 20 })).replies.map(textOf)).to.deep.equal(
      [EXPIRED_EN],
    );
    const korean = await bot.press(
      { verb: 'recon.rows', reportId, customerId: 'c-1', offset: 10 },
      LEE,
      'ko-KR',
    );
    expect(korean.replies.map(textOf)).to.deep.equal([EXPIRED_KO]);
    expect(reports.size).to.equal(0);
  });

  it('a restarted bot (a new store) no longer knows the report', async () => {
    const reportId = new OpenReconReports().open(OWNER, REPORT, 'july.csv', false);
    const { replies } = await chat(new OpenReconReports(), prices).press({
      verb: 'recon.page',
      reportId,
      offset: 10,
    });
    expect(replies.map(textOf)).to.deep.equal([EXPIRED_EN]);
  });

  it('keeps a bounded number of reports open: the oldest closes first', () => {
    const reports = new OpenReconReports(fixedClock('2026-12-01T09:00:00Z'), { maxReports: 2, ttlMs: 1e9 });
    const first = reports.open(OWNER, REPORT, 'a.csv', false);
    const second = reports.open(OWNER, REPORT, 'b.csv', false);
    const third = reports.open(OWNER, REPORT, 'c.csv', false);
    expect([first, second, third].map((id) => reports.get(id, OWNER)?.fileName)).to.deep.equal([
      undefined,
      'b.csv',
      'c.csv',
    ]);
  });

  it('keeps rows to check bounded per customer and per report, while counting every one', () => {
    // Every row is flagged: the report keeps at most 3 a customer and 5 in all, and counts all 40.
    const flagsAll = {
      check: () => ({
        excluded: false,
        earned: new Decimal(0),
        lost: new Decimal(0),
        flags: ['totalMismatch'],
      }),
    } as unknown as ReconRowChecker;
    const builder = new ReconReportBuilder(flagsAll, 3, 5);
    for (let line = 2; line < 42; line++) {
      builder.add(
        {
          customerId: `c-${line < 22 ? 0 : 1}`,
          customerName: `Customer ${line < 22 ? 0 : 1}`,
          resourceUri: `/r/${line}`,
          usageDate: '2026-07-01',
          meterName: 'm',
          pcToBcExchangeRate: new Decimal(1),
        } as unknown as ReconRow,
        line,
      );
    }
    const customers = builder.build().customers;
    expect(customers.map((c) => c.flaggedRows.map((row) => row.line))).to.deep.equal([
      [2, 3, 4],
      [22, 23],
    ]);
    expect(customers.map((c) => c.flagCounts.totalMismatch)).to.deep.equal([20, 20]);
  });

  describe('the count lines, in English and Korean (ICU plurals)', () => {
    const en = new Translator('en-US');
    const ko = new Translator('ko-KR');
    const source = { fileName: 'july.csv', synthetic: false, reportId: 'r' };
    const one: ReconReport = { customers: [customer(1, 1)] };
    const cases: Array<[string, () => string, string]> = [
      [
        'customers, second page',
        () => reconSummaryCard(en, REPORT, { ...source, offset: 10 }).count,
        '11–20 of 4,812 customers',
      ],
      [
        'customers, Korean',
        () => reconSummaryCard(ko, REPORT, { ...source, offset: 10 }).count,
        '고객 4,812명 중 11–20',
      ],
      ['one customer', () => reconSummaryCard(en, one, source).count, '1–1 of 1 customer'],
      [
        'rows, second page',
        () => reconCustomerCard(en, REPORT.customers[0], { ...source, offset: 10 }).flaggedCount,
        '11–20 of 57 rows',
      ],
      [
        'rows, Korean',
        () => reconCustomerCard(ko, REPORT.customers[0], { ...source, offset: 50 }).flaggedCount,
        '57행 중 51–57',
      ],
      ['one row', () => reconCustomerCard(en, one.customers[0], source).flaggedCount, '1–1 of 1 row'],
      [
        'no rows to check: no count line',
        () => reconCustomerCard(en, REPORT.customers[1], source).flaggedCount,
        '',
      ],
    ];
    for (const [name, count, expected] of cases) {
      it(`${name}: "${expected}"`, () => expect(count()).to.equal(expected));
    }

    it('says when the report kept fewer rows to check than the file has (en, ko)', () => {
      const capped = {
        ...customer(1, 200),
        flagCounts: { pecMissing: 4812, pecUnexpected: 0, effectivePriceMismatch: 0, totalMismatch: 0 },
      };
      expect(reconCustomerCard(en, capped, source).flaggedKept).to.equal(
        'Only the first 200 rows of 4,812 rows to check are kept here; find the others by their line numbers in the file.',
      );
      expect(reconCustomerCard(ko, capped, source).flaggedKept).to.equal(
        '확인이 필요한 행 4,812개 중 처음 200개만 여기에 보관합니다. 나머지는 파일의 행 번호로 찾아보세요.',
      );
      expect(reconCustomerCard(en, REPORT.customers[0], source).flaggedKept).to.equal('');
    });
  });
});
