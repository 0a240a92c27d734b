import { expect } from 'chai';
import { PriceCatalog } from '../../src/domain/prices/catalog.js';
import { priceRowKey } from '../../src/domain/prices/priceRow.js';
import { PriceTableBuilder } from '../../src/domain/prices/priceTable.js';
import { readTextFileSync } from '../../src/priceData/compressedFiles.js';
import { streamCsvRecords } from '../../src/priceData/csvChunks.js';
import {
  importRetailCsv,
  importRetailCsvInto,
  retailItemSchema,
  RETAIL_CSV_COLUMNS,
} from '../../src/priceData/retailPricesImport.js';
import { D2S_V3_WESTEUROPE, FIXTURE_SNAPSHOT, RETAIL_CSV_HEADER } from './fixtures.js';

const META = { takenAt: '2026-08-22T20:59:40Z', source: 'test', location: 'test' };

describe('streaming CSV import into the columnar table', () => {
  const fixture = readTextFileSync(`${FIXTURE_SNAPSHOT}/fixture_westeurope_small_usd.csv.gz`);

  it('imports the fixture into a table that answers every row exactly as the row-object import', () => {
    const builder = new PriceTableBuilder();
    const report = importRetailCsvInto('fixture', fixture, builder);
    const old = importRetailCsv('fixture', fixture);
    expect({ ok: report.ok, accepted: report.accepted, skipped: report.skipped }).to.deep.equal({
      ok: true,
      accepted: 3390,
      skipped: 0,
    });
    expect(report.snapshotAt).to.equal(old.snapshotAt);
    const catalog = new PriceCatalog(builder.build(), META);
    expect(catalog.rowCount).to.equal(old.rows.length);
    for (const row of old.rows.slice(0, 500)) {
      const found = catalog.get(priceRowKey(row));
      expect(found, priceRowKey(row)).to.not.equal(null);
      expect(found!.unitPrice.toFixed()).to.equal(row.unitPrice.toFixed());
    }
    const rowsBack = catalog.rows;
    expect(
      rowsBack.map((row) => `${priceRowKey(row)} ${row.unitPriceText} ${row.savingsPlan1Year?.toFixed()}`),
    ).to.deep.equal(
      old.rows.map((row) => `${priceRowKey(row)} ${row.unitPriceText} ${row.savingsPlan1Year?.toFixed()}`),
    );
  });

  it('cuts the text into small chunks without losing or splitting a row, even a quoted cell with a line break', () => {
    const quoted = D2S_V3_WESTEUROPE.replace(
      'Virtual Machines DSv3 Series',
      '"Virtual Machines, DSv3\nSeries"',
    );
    const lines = [RETAIL_CSV_HEADER];
    for (let i = 0; i < 300; i++)
      lines.push((i % 7 === 3 ? quoted : D2S_V3_WESTEUROPE).replace('f052e8d7', `m${i}`));
    const meters: string[] = [];
    const products = new Set<string>();
    const report = streamCsvRecords(
      'x.csv',
      lines.join('\n'),
      RETAIL_CSV_COLUMNS,
      retailItemSchema,
      (item) => {
        meters.push(item.meterId);
        products.add(item.productName);
        return true;
      },
      { chunkChars: 500 },
    );
    expect(report).to.deep.include({ ok: true, accepted: 300, skipped: 0 });
    expect(meters[299]).to.match(/^m299-/);
    expect([...products].sort()).to.deep.equal([
      'Virtual Machines DSv3 Series',
      'Virtual Machines, DSv3\nSeries',
    ]);
  });

  it('names the line of a bad row in a later chunk (counted from the top of the file)', () => {
    const lines = [RETAIL_CSV_HEADER];
    for (let i = 0; i < 100; i++) lines.push(D2S_V3_WESTEUROPE);
    lines.push(D2S_V3_WESTEUROPE.replace(',0.12,0.12,', ',0.12,twelve cents,'));
    lines.push('too,few,columns');
    const report = streamCsvRecords(
      'x.csv',
      lines.join('\n'),
      RETAIL_CSV_COLUMNS,
      retailItemSchema,
      () => true,
      { chunkChars: 400 },
    );
    expect(report).to.deep.include({ ok: true, accepted: 100, skipped: 2 });
    expect(report.issues.map((issue) => issue.line)).to.deep.equal([102, 103]);
  });

  it('the fast path accepts and rejects exactly what the schema does, with the same messages', () => {
    const csv = [
      RETAIL_CSV_HEADER,
      D2S_V3_WESTEUROPE,
      D2S_V3_WESTEUROPE.replace(',0.12,0.12,', ',0.12,twelve cents,'),
      D2S_V3_WESTEUROPE.replace(',Consumption,', ',Rental,'),
      'too,few,columns',
      D2S_V3_WESTEUROPE.replace('f052e8d7-f936-4165-af21-bf7c12c22216', ''),
      D2S_V3_WESTEUROPE.replace(',0.0912', ',0.09x'),
      D2S_V3_WESTEUROPE.replace('2026-08-22T20:59:40Z', 'yesterday'),
      D2S_V3_WESTEUROPE.replace('D2s v3,D2s v3', 'D4s v3,D4s v3'),
    ].join('\n');
    const streamed = importRetailCsvInto('vm.csv', csv, new PriceTableBuilder());
    const old = importRetailCsv('vm.csv', csv);
    expect(streamed).to.deep.include({ ok: true, accepted: 2, skipped: 6 });
    expect(streamed.issues).to.deep.equal(old.issues);
  });

  it('fails without crashing on a wrong header, a header alone or an empty file', () => {
    const run = (text: string) =>
      streamCsvRecords('x.csv', text, RETAIL_CSV_COLUMNS, retailItemSchema, () => true, { chunkChars: 16 });
    expect(run('a,b\n1,2\n').fatal).to.match(/missing columns/);
    expect(run('').fatal).to.match(/no header/);
    expect(run(`${RETAIL_CSV_HEADER}\n`).fatal).to.match(/no rows/);
  });
});
