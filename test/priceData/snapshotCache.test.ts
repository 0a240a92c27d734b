import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { priceRowKey, type PriceRow } from '../../src/domain/prices/priceRow.js';
import { loadSnapshotFolder } from '../../src/priceData/snapshotLoader.js';
import { FIXTURE_SNAPSHOT } from './fixtures.js';

describe('compact snapshot cache (columnar, binary)', () => {
  it('holds the catalog as a string table plus one int32 cell array, and gives back the very same rows', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'price-cache-bin-'));
    const fromCsv = loadSnapshotFolder(FIXTURE_SNAPSHOT, cacheDir);
    const [file] = readdirSync(cacheDir);
    expect(file).to.match(/^snapshot-[0-9a-f]+\.bin$/);
    const bytes = readFileSync(join(cacheDir, file));
    expect(bytes.toString('latin1', 0, 4)).to.equal('PRC2');
    const fromCache = loadSnapshotFolder(FIXTURE_SNAPSHOT, cacheDir);
    expect(fromCache.report.fromCache).to.equal(true);
    const describe = (rows: readonly PriceRow[]) =>
      rows.map((row) => JSON.stringify({ ...row, key: priceRowKey(row) }));
    expect(describe(fromCache.catalog!.rows)).to.deep.equal(describe(fromCsv.catalog!.rows));
  });

  it('a damaged cache file is ignored: the start imports the CSV again', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'price-cache-bad-'));
    loadSnapshotFolder(FIXTURE_SNAPSHOT, cacheDir);
    const [file] = readdirSync(cacheDir);
    const bytes = readFileSync(join(cacheDir, file));
    writeFileSync(join(cacheDir, file), bytes.subarray(0, bytes.length - 10));
    const again = loadSnapshotFolder(FIXTURE_SNAPSHOT, cacheDir);
    expect(again.report).to.deep.include({ ok: true, fromCache: false, accepted: 3390 });
  });
});
