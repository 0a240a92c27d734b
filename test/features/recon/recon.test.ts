import { expect } from 'chai';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../../../src/features/recon/syntheticRecon.js';
import {
  generateSyntheticReconFiles,
  type SyntheticReconFiles,
} from '../../../src/features/recon/syntheticReconFiles.js';
import { parseAccessRecordsCsv, AccessRecordsError } from '../../../src/features/recon/accessRecords.js';
import { reconcileDailyRatedUsage } from '../../../src/features/recon/reconcile.js';
import { DAILY_RATED_USAGE_COLUMNS } from '../../../src/features/recon/reconColumns.js';
import { ReconHeaderError } from '../../../src/features/recon/reconImporter.js';
import type { ReconReport } from '../../../src/features/recon/reconReport.js';

const FIXTURES = '../../fixtures/azure-price-data/';
const PRICES = fileURLToPath(
  new URL(`${FIXTURES}retail-prices-fixture-westeurope/fixture_westeurope_small_usd.csv.gz`, import.meta.url),
);
const COLUMNS_FILE = fileURLToPath(
  new URL(`${FIXTURES}partner-center/daily_rated_usage_nce_columns.csv`, import.meta.url),
);

describe('recon import and report on a SYNTHETIC generated file', () => {
  let dir: string;
  let files: SyntheticReconFiles;
  let report: ReconReport;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recon-test-'));
    files = await generateSyntheticReconFiles(PRICES, dir, {
      ...DEFAULT_SYNTHETIC_OPTIONS,
      targetRows: 3_000,
      customers: 6,
      badRows: 3,
      mismatchRows: 6,
    });
    const access = parseAccessRecordsCsv(await readFile(files.accessFile, 'utf8'));
    report = await reconcileDailyRatedUsage(createReadStream(files.usageFile), access);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the 55 new-commerce columns in the documented order', async () => {
    const documented = (await readFile(COLUMNS_FILE, 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    expect([...DAILY_RATED_USAGE_COLUMNS]).to.deep.equal(documented);
    const header = (await readFile(files.usageFile, 'utf8')).split('\n', 1)[0];
    expect(header.split(',')).to.have.length(55);
  });

  it('marks every generated row as synthetic', async () => {
    const text = await readFile(files.usageFile, 'utf8');
    const rows = text.trim().split('\n').slice(1);
    expect(rows.every((row) => row.includes('(SYNTHETIC)') && row.includes('""synthetic"":true'))).to.equal(
      true,
    );
    expect(files.manifest.synthetic).to.equal(true);
  });

  it('counts and skips corrupt rows, reporting each by line number', () => {
    expect(report.import?.rowsAccepted).to.equal(files.manifest.dataRows);
    expect(report.import?.badRows).to.equal(files.manifest.badLines.length);
    expect(report.import?.errors.map((e) => e.line)).to.deep.equal(files.manifest.badLines);
    expect(report.import?.errors[0].problems.join()).to.match(/Quantity must be a decimal number/);
  });

  it('flags every seeded access gap: each eligible resource in scope lost PEC on each gap day', () => {
    expect(files.manifest.gaps.length).to.be.greaterThan(6);
    let checked = 0;
    for (const gap of files.manifest.gaps) {
      const customer = report.customers.find((c) => c.customerId === gap.customerId);
      expect(customer, gap.customerId).to.not.equal(undefined);
      const inScope = files.manifest.resources.filter(
        (r) =>
          r.customerId === gap.customerId &&
          r.subscriptionId === gap.subscriptionId &&
          r.pecEligibleMeter &&
          (!gap.resourceGroup || r.resourceGroup === gap.resourceGroup),
      );
      for (const resource of inScope) {
        const loss = customer!.lostByResource.find((l) => l.resourceUri === resource.resourceUri);
        expect(loss, `${gap.kind} ${resource.resourceUri}`).to.not.equal(undefined);
        expect(loss!.days, `${gap.kind} ${resource.resourceUri}`).to.include.members(gap.days);
        checked += 1;
      }
    }
    expect(checked).to.be.greaterThan(10);
  });

  it('flags exactly the rows whose recorded PEC disagrees with the access records, by line', () => {
    const flagged = report.customers.flatMap((c) =>
      c.flaggedRows.map((f) => ({ line: f.line, kind: f.kind })),
    );
    expect(flagged).to.have.deep.members(files.manifest.mismatches);
    const totals = report.customers.reduce(
      (n, c) => n + c.flagCounts.totalMismatch + c.flagCounts.effectivePriceMismatch,
      0,
    );
    expect(totals).to.equal(0);
  });

  it('reports PEC earned and lost per customer, top resources first, no loss for Spot usage', () => {
    for (const customer of report.customers) {
      expect(customer.pecEarned.greaterThan(0)).to.equal(true);
      expect(customer.pecLost.greaterThan(0)).to.equal(true);
      expect(customer.billingCurrency).to.equal('EUR');
      const lost = customer.lostByResource.map((l) => l.lost.toNumber());
      expect(lost).to.deep.equal([...lost].sort((a, b) => b - a));
      const spot = new Set(
        files.manifest.resources.filter((r) => !r.pecEligibleMeter).map((r) => r.resourceUri),
      );
      expect(customer.lostByResource.some((l) => spot.has(l.resourceUri))).to.equal(false);
    }
  });
});

function csvOf(rows: string[][]): Readable {
  return Readable.from(
    [[...DAILY_RATED_USAGE_COLUMNS].join(','), ...rows.map((r) => r.join(','))].join('\n'),
  );
}

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';
const SUB = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
function row(over: Record<string, string>): string[] {
  const values: Record<string, string> = {
    CustomerId: CUSTOMER,
    CustomerName: 'Contoso (test)',
    SubscriptionId: 'plan-1',
    EntitlementId: SUB,
    ResourceGroup: 'rg1',
    ResourceURI: `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/s1`,
    UsageDate: '2026-07-03',
    MeterId: 'meter-868',
    MeterName: 'Test meter',
    PublisherName: 'Microsoft',
    UnitPrice: '0.868',
    Quantity: '29',
    EffectiveUnitPrice: '0.7375862069',
    BillingPreTaxTotal: '18.10',
    BillingCurrency: 'EUR',
    PricingCurrency: 'USD',
    PCToBCExchangeRate: '0.846202666',
    PartnerEarnedCreditPercentage: '15',
    ...over,
  };
  return DAILY_RATED_USAGE_COLUMNS.map((c) => values[c] ?? '');
}

describe('recon row checks', () => {
  const access = [{ customerId: CUSTOMER, subscriptionId: SUB, role: 'Owner', from: '2026-07-01', to: null }];

  it('accepts the documented EUR example (floor(0.737586… × 29 × 0.846202666, 2) = 18.10) and flags 18.11', async () => {
    const report = await reconcileDailyRatedUsage(
      csvOf([row({}), row({ BillingPreTaxTotal: '18.11' })]),
      access,
    );
    const customer = report.customers[0];
    expect(customer.flagCounts.totalMismatch).to.equal(1);
    expect(customer.flaggedRows[0]).to.include({ line: 3, kind: 'totalMismatch' });
    expect(customer.pecEarned.toFixed(2)).to.equal('7.55'); // 2 × 25.172 × 0.15 = 7.5516
  });

  it('flags PEC missing when access covered the whole day, and counts the lost credit', async () => {
    const report = await reconcileDailyRatedUsage(
      csvOf([
        row({ PartnerEarnedCreditPercentage: '0', EffectiveUnitPrice: '0.868', BillingPreTaxTotal: '21.30' }),
      ]),
      access,
    );
    const customer = report.customers[0];
    expect(customer.flagCounts.pecMissing).to.equal(1);
    expect(customer.pecLost.toFixed(2)).to.equal('3.77'); // floor(25.172 × 0.15, 2)
    expect(customer.lostByResource[0].days).to.deep.equal(['2026-07-03']);
  });

  it('flags PEC recorded where the partner only had Reader', async () => {
    const reader = [{ ...access[0], role: 'Reader' }];
    const report = await reconcileDailyRatedUsage(csvOf([row({})]), reader);
    expect(report.customers[0].flagCounts.pecUnexpected).to.equal(1);
  });

  it('rejects a file whose header is not the 55 columns, naming line 1', async () => {
    try {
      await reconcileDailyRatedUsage(Readable.from('PartnerId,CustomerId\n1,2\n'), access);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ReconHeaderError);
      expect((error as Error).message).to.match(/line 1/);
    }
  });

  it('reports a short row and a bad PEC percentage with their line numbers', async () => {
    const report = await reconcileDailyRatedUsage(
      csvOf([row({}), ['only', 'three', 'cells'], row({ PartnerEarnedCreditPercentage: '12' })]),
      access,
    );
    expect(report.import?.badRows).to.equal(2);
    expect(report.import?.errors.map((e) => e.line)).to.deep.equal([3, 4]);
    expect(report.import?.errors[1].problems.join()).to.match(/0 or 15/);
  });

  it('access records CSV errors name their line', () => {
    const text =
      'CustomerId,SubscriptionId,ResourceGroup,ResourceURI,Role,From,To,Holder\nnot-a-guid,x,,,Owner,2026-07-01,,\n';
    expect(() => parseAccessRecordsCsv(text)).to.throw(AccessRecordsError, /line 2/);
  });
});

describe('monthly bill estimate from a usage file', () => {
  it('re-decides PEC from the access records and bills 29 eligible units at the documented 18.10 EUR', async () => {
    const { estimateMonthlyBillFromUsage } = await import('../../../src/features/recon/reconBillEstimate.js');
    const { InMemoryFxRates } = await import('../../../src/domain/billing/fxMonth.js');
    const { Decimal } = await import('decimal.js');
    const rows = Array.from({ length: 29 }, (_, i) =>
      row({
        UsageDate: `2026-07-${String(i + 1).padStart(2, '0')}`,
        Quantity: '1',
        BillingPreTaxTotal: '0.62',
        EffectiveUnitPrice: '0.7378',
      }),
    );
    const other = row({ CustomerId: '00000000-0000-4000-8000-000000000000', UsageDate: '2026-07-02' });
    const result = await estimateMonthlyBillFromUsage(csvOf([...rows, other]), {
      customerId: CUSTOMER,
      month: '2026-07',
      currency: 'EUR',
      access: [{ customerId: CUSTOMER, subscriptionId: SUB, role: 'Owner', from: '2026-07-01', to: null }],
      fx: new InMemoryFxRates([
        { currency: 'EUR', month: '2026-07', pcToBcRate: new Decimal('0.846202666') },
      ]),
    });
    expect(result.customerName).to.equal('Contoso (test)');
    expect(result.estimate.billedUsd.toFixed(2)).to.equal('21.39');
    expect(result.estimate.billedTotal.toFixed(2)).to.equal('18.10');
  });
});
