import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { fixedClock } from '../../../src/domain/clock.js';
import { buildPriceAnswerCard } from '../../../src/features/prices/priceCards.js';
import { Translator } from '../../../src/i18n/translator.js';
import { PriceSheetImporter } from '../../../src/priceData/priceSheet/priceSheetImporter.js';
import { importPriceSheetStream } from '../../../src/priceData/priceSheet/streamImport.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { SandboxPartnerCenter } from '../../../src/partnerCenter/sandbox/sandboxPartnerCenter.js';
import { FINOPS_DIR, FIXTURE_PRICE_DATA, FIXTURE_SNAPSHOT } from '../fixtures.js';

const SHEET = readFileSync(`${FIXTURE_PRICE_DATA}partner-center/price-sheet-azure_consumption-KR.csv`);
const DOC_EXAMPLE = readFileSync(
  `${FIXTURE_PRICE_DATA}partner-center/azure_consumption_pricesheet_example_2019.csv`,
);

/** The bytes as a network stream delivers them: in small pieces that cut rows and quotes anywhere. */
async function* chunks(bytes: Uint8Array, size = 97): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const regionOf = (text: string) =>
  ({ 'EU West': 'westeurope', 'EU North': 'northeurope', 'US East 2': 'eastus2' })[text] ?? null;
const options = { name: 'sheet', regionOf, downloadedAt: '2026-12-01T00:00:00Z' };

describe('Partner Center price sheet: streaming import of the documented 18-column file', () => {
  for (const [label, bytes] of [
    ['plain CSV', SHEET],
    ['gzip (what the sandbox serves)', gzipSync(SHEET)],
  ] as const) {
    it(`${label} in 97-byte chunks → the same PriceTable shape as retail prices`, async () => {
      const { catalog, report } = await importPriceSheetStream(chunks(bytes), options);
      expect(report).to.include({ ok: true, accepted: 10, skipped: 0, market: 'KR' });
      expect(report.asOf).to.equal('2026-08-01T00:00:00.000Z');
      const rows = catalog!.vmRows(
        'westeurope',
        catalog!.sizes.find('D4s v5').kind === 'found' ? 'd4sv5' : '',
      );
      expect(rows.map((r) => `${r.productName} ${r.unitPriceText}`)).to.include.members([
        'Virtual Machines Dsv5 Series 0.23',
        'Virtual Machines Dsv5 Series Windows 0.414',
      ]);
      const thirdParty = catalog!.rows.find((r) => r.productName === 'Contoso Firewall');
      expect(thirdParty?.tags).to.equal('Third Party');
    });
  }

  it('reads the doc example row (US East 2, 3/1/2018 dates, the doc’s typographic quotes)', async () => {
    const { catalog, report } = await importPriceSheetStream(chunks(DOC_EXAMPLE, 13), options);
    expect(report.ok, report.fatal ?? '').to.equal(true);
    const row = catalog!.rows[0];
    expect(row).to.include({ armRegionName: 'eastus2', unitPriceText: '15', unitOfMeasure: '1 Node/Month' });
    expect(row.effectiveStartDate).to.equal('2018-03-01T00:00:00.000Z');
  });

  it('refuses a file without the documented columns, and counts a bad row without stopping', async () => {
    const bad = await importPriceSheetStream(chunks(Buffer.from('a,b\n1,2\n')), options);
    expect(bad.report.ok).to.equal(false);
    expect(bad.report.fatal).to.match(/missing columns ProductTitle/);
    const text = SHEET.toString('utf8').replace('"0.414"', '"not a price"');
    const partial = await importPriceSheetStream(chunks(Buffer.from(text)), options);
    expect(partial.report).to.include({ ok: true, accepted: 9, skipped: 1 });
    expect(partial.report.issues[0].message).to.match(/UnitPrice/);
  });
});

describe('answers from the partner’s price sheet say so; others from public retail prices', () => {
  const clock = fixedClock('2026-08-25T10:00:00Z');
  const prices = new PriceService({
    paths: { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null },
    clock,
  });
  before(async () => {
    prices.load();
    const sandbox = {
      downloadPriceSheet: SandboxPartnerCenter.prototype.downloadPriceSheet.bind({ options: {} }),
    };
    await new PriceSheetImporter(prices, sandbox as never, clock).import('kr');
  });

  const cases = [
    {
      locale: 'en-US' as const,
      q: 'D4s v5 windows west europe',
      footer: 'Your Partner Center price sheet, market KR, as of Aug 1, 2026.',
    },
    {
      locale: 'ko-KR' as const,
      q: '서유럽 D4s v5 윈도우',
      footer: '파트너 센터 가격표(시장 KR), 2026년 8월 1일 기준',
    },
    {
      locale: 'en-US' as const,
      q: 'E8s v5 west europe',
      footer: 'Public retail prices (estimated, USD), as of Aug 22, 2026',
    },
    { locale: 'ko-KR' as const, q: '서유럽 E8s v5', footer: '공개 소매가(예상, USD), 2026년 8월 22일 기준' },
  ];
  for (const c of cases) {
    it(`${c.locale}: "${c.q}" → ${c.footer}`, () => {
      const answer = prices.ask(c.q, c.locale);
      if (answer.kind !== 'answer') throw new Error(answer.kind);
      expect(buildPriceAnswerCard(answer, new Translator(c.locale)).footer).to.include(c.footer);
    });
  }
});

describe('an imported price sheet is kept for a restart', () => {
  it('restore() after a restart answers from the same sheet; a failed import keeps nothing', async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'sheet-save-'));
    try {
      const clock = fixedClock('2026-08-25T10:00:00Z');
      const paths = { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null };
      const sandbox = {
        downloadPriceSheet: SandboxPartnerCenter.prototype.downloadPriceSheet.bind({ options: {} }),
      };
      const first = new PriceService({ paths, clock });
      first.load();
      await new PriceSheetImporter(first, sandbox as never, clock, dir).import('KR');
      expect(readdirSync(dir)).to.deep.equal(['price-sheet-KR-azure_consumption.bin']);

      const broken = { downloadPriceSheet: async () => chunks(Buffer.from('not,a,sheet\n')) };
      await new PriceSheetImporter(first, broken as never, clock, dir).import('US');
      expect(readdirSync(dir)).to.deep.equal(['price-sheet-KR-azure_consumption.bin']);

      const restarted = new PriceService({ paths, clock });
      restarted.load();
      const report = await new PriceSheetImporter(restarted, sandbox as never, clock, dir).restore();
      expect(report).to.include({ ok: true, market: 'KR', accepted: 10 });
      const answer = restarted.ask('D4s v5 windows west europe', 'en-US');
      expect(answer.kind === 'answer' && answer.snapshot.origin).to.deep.equal({
        kind: 'partnerSheet',
        market: 'KR',
        view: 'azure_consumption',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
