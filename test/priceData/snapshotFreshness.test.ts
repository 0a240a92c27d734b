import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { fixedClock } from '../../src/domain/clock.js';
import { snapshotFreshness } from '../../src/domain/prices/freshness.js';
import { buildPriceAnswerCard } from '../../src/features/prices/priceCards.js';
import { Translator } from '../../src/i18n/translator.js';
import { PriceService } from '../../src/priceData/priceService.js';
import { SnapshotWatcher } from '../../src/priceData/snapshotWatcher.js';
import { D2S_V3_WESTEUROPE, FINOPS_DIR, FIXTURE_SNAPSHOT, RETAIL_CSV_HEADER } from './fixtures.js';

const FIXTURE_FILE = 'fixture_westeurope_small_usd.csv.gz';

function answerCard(service: PriceService, question: string, locale: 'en-US' | 'ko-KR') {
  const answer = service.ask(question, locale);
  if (answer.kind !== 'answer') throw new Error(`no answer: ${answer.kind}`);
  return buildPriceAnswerCard(answer, new Translator(locale));
}

describe('Price snapshot freshness: date on every answer, stale flag past PRICE_SNAPSHOT_MAX_AGE_DAYS', () => {
  it('counts whole days and flags only an age above the maximum', () => {
    expect(snapshotFreshness('2026-08-22T00:00:00Z', new Date('2026-10-06T00:00:00Z'), 45)).to.include({
      ageDays: 45,
      stale: false,
    });
    expect(snapshotFreshness('2026-08-22T00:00:00Z', new Date('2026-10-07T00:00:00Z'), 45)).to.include({
      ageDays: 46,
      stale: true,
    });
  });

  const cases = [
    { locale: 'en-US' as const, date: 'Aug 22, 2026', stale: 'older than 45 days (100 days old)' },
    { locale: 'ko-KR' as const, date: '2026년 8월 22일', stale: '45일보다 오래되었습니다(100일 경과)' },
  ];
  for (const { locale, date, stale } of cases) {
    it(`${locale}: a fresh snapshot shows its date and no stale note`, () => {
      const service = new PriceService({
        paths: { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null },
        clock: fixedClock('2026-08-25T10:00:00Z'),
      });
      service.load();
      const card = answerCard(service, 'D2s v3 westeurope', locale);
      expect(card.footer).to.include(date);
      expect(card.notes.map((n) => n.text).join(' ')).not.to.include(stale.slice(0, 10));
    });
    it(`${locale}: a snapshot older than the configured age is flagged in the answer`, () => {
      const service = new PriceService({
        paths: { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null },
        clock: fixedClock('2026-12-01T10:00:00Z'),
        maxAgeDays: 45,
      });
      service.load();
      const card = answerCard(service, 'D2s v3 westeurope', locale);
      expect(card.footer).to.include(date);
      expect(card.notes.map((n) => n.text).join(' ')).to.include(stale);
      expect(service.freshness()).to.include({ ageDays: 100, stale: true, maxAgeDays: 45 });
    });
  }
});

describe('SnapshotWatcher: a replaced snapshot is picked up without a restart', () => {
  let root: string;
  let dir: string;
  const logged: string[] = [];
  const logger = {
    info: (_o: object, m?: string) => logged.push(`info ${m}`),
    warn: (_o: object, m?: string) => logged.push(`warn ${m}`),
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'price-watch-'));
    dir = join(root, 'prices');
    mkdirSync(dir);
    copyFileSync(join(FIXTURE_SNAPSHOT, FIXTURE_FILE), join(dir, FIXTURE_FILE));
    logged.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function started() {
    const service = new PriceService({
      paths: { snapshotDir: dir, finopsDir: FINOPS_DIR, fxFile: null },
      clock: fixedClock('2026-08-25T10:00:00Z'),
    });
    service.load();
    const watcher = new SnapshotWatcher({ target: service, snapshotDir: () => dir, logger, intervalMs: 0 });
    watcher.start();
    return { service, watcher };
  }

  for (const locale of ['en-US', 'ko-KR'] as const) {
    it(`${locale}: a folder swapped in by prices:fetch answers with the new price and date`, () => {
      const { service, watcher } = started();
      expect(watcher.poll()).to.equal(null);
      const staging = join(root, 'staging');
      mkdirSync(staging);
      const changed = D2S_V3_WESTEUROPE.replace('2026-08-22T20:59:40Z', '2026-09-01T06:00:00Z').replace(
        ',0.12,0.12,',
        ',0.125,0.125,',
      );
      writeFileSync(join(staging, 'prices.csv'), `${RETAIL_CSV_HEADER}\n${changed}\n`);
      renameSync(dir, join(root, 'old'));
      renameSync(staging, dir);
      expect(watcher.poll()?.ok).to.equal(true);
      const answer = service.ask('D2s v3 westeurope', locale);
      expect(answer.kind === 'answer' && answer.row.unitPriceText).to.equal('0.125');
      expect(answerCard(service, 'D2s v3 westeurope', locale).footer).to.include(
        locale === 'en-US' ? 'Sep 1, 2026' : '2026년 9월 1일',
      );
    });
  }

  it('a bad new file is refused, logged, and the old table keeps answering', () => {
    const { service, watcher } = started();
    writeFileSync(join(dir, 'broken.csv'), 'this,is,not\na,price,file\n');
    const report = watcher.poll();
    expect(report?.ok).to.equal(false);
    expect(logged).to.include('warn new price snapshot refused; the previous one stays active');
    const answer = service.ask('D2s v3 westeurope', 'en-US');
    expect(answer.kind === 'answer' && answer.row.unitPriceText).to.equal('0.12');
    expect(service.snapshotInfo()?.rowCount).to.be.greaterThan(1000);
  });
});
