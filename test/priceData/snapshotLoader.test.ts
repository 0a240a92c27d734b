import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { priceRowKey } from '../../src/domain/prices/priceRow.js';
import { PRICE_SHEET_COLUMNS } from '../../src/priceData/priceSheetImport.js';
import { loadSnapshotFolder } from '../../src/priceData/snapshotLoader.js';

const header = PRICE_SHEET_COLUMNS.map((column) => `"${column}"`).join(',');
const row = (price: string, start: string, end: string) =>
  [
    'Example Meter',
    'DZH318Z0TEST',
    '0001',
    'Example Meter',
    'Microsoft',
    'Example',
    '1 GB',
    'payG-1',
    'DE',
    'USD',
    price,
    '',
    '',
    start,
    end,
    'aaaaaaaa-0000-0000-0000-000000000001',
    '1 GB',
    'Azure',
  ]
    .map((cell) => `"${cell}"`)
    .join(',');

describe('snapshot folder with a Partner Center price sheet (effective dates)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'price-sheet-'));
  writeFileSync(
    join(dir, 'azure_consumption_DE.csv'),
    [
      header,
      row('0.10', '7/1/2026 12:00:00 AM', '7/31/2026 11:59:59 PM'),
      row('0.12', '8/1/2026 12:00:00 AM', '11/30/9999 11:59:59 PM'),
    ].join('\n'),
  );
  const { catalog, report } = loadSnapshotFolder(dir);

  it('loads the price sheet rows next to Retail API files', () => {
    expect(report).to.deep.include({ ok: true, accepted: 2, skipped: 0 });
  });

  it('a structured lookup answers the price in force on the date asked, and the newest one without a date', () => {
    const key = priceRowKey(catalog!.rows[0]);
    expect(catalog!.get(key, new Date('2026-07-15T00:00:00Z'))?.unitPrice.toFixed()).to.equal('0.1');
    expect(catalog!.get(key, new Date('2026-08-15T00:00:00Z'))?.unitPrice.toFixed()).to.equal('0.12');
    expect(catalog!.get(key)?.unitPrice.toFixed()).to.equal('0.12');
    expect(catalog!.get(key, new Date('2026-06-15T00:00:00Z'))).to.equal(null);
    expect(catalog!.get(key.replace('|Consumption|', '|Reservation|'))).to.equal(null);
  });
});
