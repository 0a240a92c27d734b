import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { fixedClock } from '../../src/domain/clock.js';
import type { PriceAnswer } from '../../src/domain/prices/priceAnswer.js';
import { PriceService } from '../../src/priceData/priceService.js';
import { D2S_V3_WESTEUROPE, FINOPS_DIR, FIXTURE_SNAPSHOT, RETAIL_CSV_HEADER } from './fixtures.js';

const clock = fixedClock('2026-08-25T10:00:00Z');

function summary(answer: PriceAnswer): Record<string, unknown> {
  if (answer.kind === 'answer') {
    return {
      kind: 'answer',
      product: answer.row.productName,
      sku: answer.row.skuName,
      price: answer.row.unitPriceText,
      quantity: answer.quantity?.toFixed() ?? null,
      total: answer.total?.toFixed() ?? null,
    };
  }
  if (answer.kind === 'choices')
    return { kind: 'choices', topic: answer.topic, count: answer.choices.length };
  if (answer.kind === 'needMore') return { kind: 'needMore', missing: answer.missing };
  return { kind: answer.kind };
}

describe('PriceService: questions in English and Korean (westeurope fixture snapshot)', () => {
  const service = new PriceService({
    paths: { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null },
    clock,
  });
  before(() => service.load());

  const cases: { q: string; locale?: 'en-US' | 'ko-KR'; expect: Record<string, unknown> }[] = [
    {
      q: 'how much is a D2s v3 in West Europe?',
      expect: {
        kind: 'answer',
        product: 'Virtual Machines DSv3 Series',
        sku: 'D2s v3',
        price: '0.12',
        quantity: null,
        total: null,
      },
    },
    { q: 'Standard_D2s_v3 westeurope', expect: { kind: 'answer', sku: 'D2s v3', price: '0.12' } },
    { q: 'd2s_v3 weu', expect: { kind: 'answer', sku: 'D2s v3', price: '0.12' } },
    { q: 'D2sv3 in amsterdam', expect: { kind: 'answer', sku: 'D2s v3', price: '0.12' } },
    { q: 'D2s version 3 in eu west', expect: { kind: 'answer', sku: 'D2s v3', price: '0.12' } },
    {
      q: 'D2s v3 Windows West Europe',
      expect: { kind: 'answer', product: 'Virtual Machines DSv3 Series Windows', price: '0.212' },
    },
    {
      q: 'D2s v3 Windos West Europe',
      expect: { kind: 'answer', product: 'Virtual Machines DSv3 Series Windows', price: '0.212' },
    },
    { q: 'D2s v3 spot West Europe', expect: { kind: 'answer', sku: 'D2s v3 Spot', price: '0.022176' } },
    {
      q: 'D4s v5 windows west europe 730h',
      expect: {
        kind: 'answer',
        product: 'Virtual Machines Dsv5 Series Windows',
        price: '0.414',
        quantity: '730',
        total: '302.22',
      },
    },
    {
      q: 'E8s v5 in weu, 730 hours',
      expect: { kind: 'answer', price: '0.608', quantity: '730', total: '443.84' },
    },
    {
      q: 'B2s in West Europe',
      expect: { kind: 'answer', product: 'Virtual Machines BS Series', sku: 'B2s' },
    },
    {
      q: 'B2s v2 in West Europe',
      expect: { kind: 'answer', product: 'Virtual Machines Bsv2 Series', sku: 'B2s v2' },
    },
    // Not in the fixture, and five sizes are one character away: offer them rather than guess.
    { q: 'E32-8s v5 in West Europe', expect: { kind: 'choices', topic: 'size', count: 5 } },
    {
      q: 'Standard_E8as_c5 in westeurope, per hour',
      expect: { kind: 'answer', sku: 'E8as v5', quantity: null },
    },
    { q: 'P10 disk West Europe', expect: { kind: 'answer', sku: 'P10 LRS', price: '21.68', quantity: null } },
    {
      q: '4 x P10 disks for 3 months in West Europe',
      expect: { kind: 'answer', sku: 'P10 LRS', quantity: '12', total: '260.16' },
    },
    {
      q: '서유럽 D2s v3 가격',
      locale: 'ko-KR',
      expect: { kind: 'answer', sku: 'D2s v3', price: '0.12', quantity: null },
    },
    {
      q: '서유럽 D2s v3 윈도우 한 달 요금',
      locale: 'ko-KR',
      expect: { kind: 'answer', price: '0.212', quantity: '730', total: '154.76' },
    },
    { q: '서유럽에서 D2s v3 스팟 가격', locale: 'ko-KR', expect: { kind: 'answer', sku: 'D2s v3 Spot' } },
    {
      q: '서유럽 P10 디스크 3개 2개월',
      locale: 'ko-KR',
      expect: { kind: 'answer', sku: 'P10 LRS', quantity: '6', total: '130.08' },
    },
    {
      q: '북유럽 D2s v3 가격',
      locale: 'ko-KR',
      expect: { kind: 'needMore', missing: ['regionNotInSnapshot'] },
    },
    { q: 'D2s v3 가격', locale: 'ko-KR', expect: { kind: 'needMore', missing: ['region'] } },
    { q: 'how much is a D2s v3?', expect: { kind: 'needMore', missing: ['region'] } },
    { q: 'we need a D2s v3, how much?', expect: { kind: 'needMore', missing: ['region'] } },
    { q: 'prices in West Europe', expect: { kind: 'needMore', missing: ['size'] } },
    { q: 'Standard SSD disk in West Europe', expect: { kind: 'needMore', missing: ['diskTier'] } },
    { q: 'D2s v3 or D4s v3 in West Europe', expect: { kind: 'choices', topic: 'size', count: 2 } },
    { q: 'D2s v3 in West Europe or North Europe', expect: { kind: 'choices', topic: 'region', count: 2 } },
  ];
  for (const c of cases) {
    it(`${c.locale ?? 'en-US'} "${c.q}"`, () => {
      expect(summary(service.ask(c.q, c.locale ?? 'en-US'))).to.deep.include(c.expect);
    });
  }

  it('never answers a VM size from a Cloud Services or Dedicated Host product', () => {
    for (const q of [
      'D4as v5 windows in West Europe',
      'D16ads v5 in West Europe',
      'E4ads v5 windows West Europe',
    ]) {
      const answer = service.ask(q, 'en-US');
      if (answer.kind === 'answer')
        expect(answer.row.productName)
          .to.match(/^Virtual Machines /)
          .and.not.match(/cloud\s*services|dedicated\s*host/i);
    }
  });

  it('marks Spot answers as not PEC-eligible and regular ones as eligible', () => {
    const spot = service.ask('D2s v3 spot West Europe', 'en-US');
    const regular = service.ask('D2s v3 West Europe', 'en-US');
    expect(spot.kind === 'answer' && spot.pec).to.deep.equal({ eligible: false, reason: 'spot' });
    expect(regular.kind === 'answer' && regular.pec).to.deep.equal({ eligible: true, reason: null });
  });

  it('gives the 1-year savings plan price of the row and its total', () => {
    const answer = service.ask('D2s v3 West Europe 100 hours', 'en-US');
    expect(answer.kind === 'answer' && answer.row.savingsPlan1Year?.toFixed()).to.equal('0.0912');
    expect(answer.kind === 'answer' && answer.savingsPlan1YearTotal?.toFixed()).to.equal('9.12');
  });

  it('refined choice questions each lead to an answer', () => {
    const answer = service.ask('D2s v3 or D4s v3 in West Europe', 'en-US');
    expect(answer.kind).to.equal('choices');
    if (answer.kind !== 'choices') return;
    for (const choice of answer.choices)
      expect(service.ask(choice.question, 'en-US').kind).to.equal('answer');
  });

  it('search returns a handful of answers, one per region suggestion when the query names none', () => {
    const hits = service.search('D2s v3', 5);
    expect(hits.map((hit) => hit.row.armRegionName)).to.deep.equal(['westeurope']);
    expect(service.search('D2s v3 or D4s v3 weu', 5).map((hit) => hit.row.skuName)).to.deep.equal([
      'D2s v3',
      'D4s v3',
    ]);
  });

  it('tells the snapshot date, source, row count and regions', () => {
    const info = service.snapshotInfo();
    expect(info).to.deep.include({
      takenAt: '2026-08-22T20:59:40Z',
      rowCount: 3390,
      regions: ['westeurope'],
    });
    expect(info?.source).to.match(/Retail Prices API/);
  });
});

describe('PriceService: snapshots and FX tables', () => {
  const root = mkdtempSync(join(tmpdir(), 'price-service-'));
  const good = join(root, 'good');
  const broken = join(root, 'broken');
  mkdirSync(good);
  mkdirSync(broken);
  writeFileSync(join(good, 'vm.csv'), `${RETAIL_CSV_HEADER}\n${D2S_V3_WESTEUROPE}\n`);
  writeFileSync(join(broken, 'vm.csv'), `${RETAIL_CSV_HEADER}\nnot,a,price,row\n`);
  const fxFile = join(root, 'fx.csv');
  writeFileSync(
    fxFile,
    '"CurrencyCode","USDPerUnit","Month"\n"EUR","1.0848","2026-08"\n"EUR","1.1105","2026-07"\n',
  );

  it('answers "no snapshot" when there is none, and still runs', () => {
    const service = new PriceService({ paths: { snapshotDir: null, finopsDir: null, fxFile: null }, clock });
    const report = service.load();
    expect(report.snapshot).to.equal(null);
    expect(service.ask('D2s v3 West Europe', 'en-US')).to.deep.equal({ kind: 'noSnapshot' });
    expect(service.snapshotInfo()).to.equal(null);
    expect(service.search('D2s v3 West Europe', 5)).to.deep.equal([]);
  });

  it('keeps the previous snapshot active when a reload fails', () => {
    const service = new PriceService({
      paths: { snapshotDir: good, finopsDir: FINOPS_DIR, fxFile: null },
      clock,
    });
    expect(service.load().snapshot?.ok).to.equal(true);
    const failed = service.reloadSnapshot(broken);
    expect(failed.ok).to.equal(false);
    expect(failed.skipped).to.equal(1);
    expect(failed.issues[0]).to.deep.include({ file: 'vm.csv', line: 2 });
    expect(service.reloadSnapshot(join(root, 'missing')).ok).to.equal(false);
    expect(service.snapshotInfo()?.location).to.equal(good);
    expect(summary(service.ask('D2s v3 West Europe', 'en-US'))).to.deep.include({
      kind: 'answer',
      price: '0.12',
    });
  });

  it('converts "in EUR" with the FX rate of the snapshot month and names the month', () => {
    const service = new PriceService({ paths: { snapshotDir: good, finopsDir: FINOPS_DIR, fxFile }, clock });
    service.load();
    const answer = service.ask('D2s v3 West Europe 730 hours in EUR', 'en-US');
    expect(answer.kind).to.equal('answer');
    if (answer.kind !== 'answer' || !answer.inCurrency) throw new Error('no conversion');
    expect(answer.inCurrency.conversion).to.deep.include({ ok: true, currency: 'EUR', month: '2026-08' });
    // 87.60 USD ÷ 1.0848 USD per EUR
    expect(answer.inCurrency.total?.toDecimalPlaces(6).toFixed()).to.equal('80.752212');
    const july = service.ask('D2s v3 West Europe 730 hours in EUR for 2026-07', 'en-US');
    expect(july.kind === 'answer' && july.inCurrency?.conversion.month).to.equal('2026-07');
    expect(july.kind === 'answer' && july.quantity?.toFixed()).to.equal('730');
  });

  it('says so when no FX table is loaded', () => {
    const service = new PriceService({
      paths: { snapshotDir: good, finopsDir: FINOPS_DIR, fxFile: null },
      clock,
    });
    service.load();
    const answer = service.ask('D2s v3 West Europe in EUR', 'en-US');
    expect(answer.kind === 'answer' && answer.inCurrency?.conversion).to.deep.include({
      ok: false,
      reason: 'noFxTable',
      month: '2026-08',
    });
  });
});

describe('PriceService: compact snapshot cache', () => {
  it('a second start reads the cache and answers exactly as the CSV import did', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'price-cache-'));
    const paths = { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null, cacheDir };
    const first = new PriceService({ paths, clock });
    expect(first.load().snapshot?.fromCache).to.equal(false);
    const second = new PriceService({ paths, clock });
    const report = second.load().snapshot;
    expect(report).to.deep.include({ fromCache: true, accepted: 3390, skipped: 0 });
    for (const q of ['D4s v5 windows west europe 730h', '서유럽 P10 디스크 3개 2개월', 'D2s v3 spot weu']) {
      expect(summary(second.ask(q, 'en-US'))).to.deep.equal(summary(first.ask(q, 'en-US')));
    }
    const answer = second.ask('D2s v3 weu', 'en-US');
    expect(answer.kind === 'answer' && answer.row.savingsPlan1Year?.toFixed()).to.equal('0.0912');
  });
});
