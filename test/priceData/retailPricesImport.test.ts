import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { priceRowKey } from '../../src/domain/prices/priceRow.js';
import { readTextFileSync } from '../../src/priceData/compressedFiles.js';
import { importRetailCsv, importRetailJson } from '../../src/priceData/retailPricesImport.js';
import { D2S_V3_WESTEUROPE, FIXTURE_SNAPSHOT, RETAIL_CSV_HEADER, FIXTURE_PRICE_DATA } from './fixtures.js';

describe('Retail Prices API import', () => {
  it('imports the shared fixture CSV completely, with decimal prices and the savings plan', () => {
    const report = importRetailCsv(
      'fixture',
      readTextFileSync(`${FIXTURE_SNAPSHOT}/fixture_westeurope_small_usd.csv.gz`),
    );
    expect({ ok: report.ok, accepted: report.accepted, skipped: report.skipped }).to.deep.equal({
      ok: true,
      accepted: 3390,
      skipped: 0,
    });
    expect(report.snapshotAt).to.equal('2026-08-22T20:59:40Z');
    const d2s = report.rows.find(
      (row) => row.meterId === 'f052e8d7-f936-4165-af21-bf7c12c22216' && row.skuName === 'D2s v3',
    );
    expect(d2s?.unitPrice.toFixed()).to.equal('0.12');
    expect(d2s?.savingsPlan1Year?.toFixed()).to.equal('0.0912');
    expect(d2s && priceRowKey(d2s)).to.equal(
      'DZH318Z0BQ50/00V9|f052e8d7-f936-4165-af21-bf7c12c22216|Consumption|0|',
    );
  });

  it('skips bad rows, counts them and names their line numbers', () => {
    const csv = [
      RETAIL_CSV_HEADER,
      D2S_V3_WESTEUROPE,
      D2S_V3_WESTEUROPE.replace(',0.12,0.12,', ',0.12,twelve cents,'),
      D2S_V3_WESTEUROPE.replace(',Consumption,', ',Rental,'),
      'too,few,columns',
      D2S_V3_WESTEUROPE.replace('f052e8d7-f936-4165-af21-bf7c12c22216', ''),
      D2S_V3_WESTEUROPE.replace('D2s v3,D2s v3', 'D4s v3,D4s v3'),
    ].join('\n');
    const report = importRetailCsv('vm.csv', csv);
    expect({ ok: report.ok, accepted: report.accepted, skipped: report.skipped }).to.deep.equal({
      ok: true,
      accepted: 2,
      skipped: 4,
    });
    expect(report.issues.map((issue) => issue.line)).to.deep.equal([3, 4, 5, 6]);
    expect(report.issues[0].message).to.match(/unitPrice.*decimal/);
    expect(report.issues[1].message).to.match(/type/);
    expect(report.issues[2].message).to.match(/columns/);
  });

  it('fails without crashing on a file with the wrong header or no rows', () => {
    expect(importRetailCsv('x.csv', 'a,b\n1,2\n')).to.deep.include({ ok: false, accepted: 0 });
    expect(importRetailCsv('x.csv', 'a,b\n1,2\n').fatal).to.match(/missing columns/);
    expect(importRetailCsv('x.csv', '').ok).to.equal(false);
    expect(importRetailCsv('x.csv', `${RETAIL_CSV_HEADER}\n`).ok).to.equal(false);
  });

  it('imports API JSON pages (the documented sample items), tiers and effective dates included', () => {
    const doc = JSON.parse(
      readFileSync(`${FIXTURE_PRICE_DATA}retail-api-doc-examples/items.json`, 'utf8'),
    ) as { Items: unknown[] };
    const page = JSON.stringify({
      BillingCurrency: 'USD',
      Items: doc.Items,
      NextPageLink: null,
      Count: doc.Items.length,
    });
    const report = importRetailJson('page.json', page);
    expect({ ok: report.ok, accepted: report.accepted, skipped: report.skipped }).to.deep.equal({
      ok: true,
      accepted: 3,
      skipped: 0,
    });
    const reservation = report.rows.find((row) => row.type === 'Reservation');
    expect(reservation?.reservationTerm).to.equal('1 Year');
    expect(reservation?.retailPrice.toFixed()).to.equal('25007');
    expect(report.rows.find((row) => row.currencyCode === 'EUR')?.unitPrice.toFixed()).to.equal('0.6176');
    expect(report.rows[0].effectiveStartDate).to.equal('2020-08-01T00:00:00Z');
  });

  it('reads the 1-year savings plan from the preview API array and reports bad items by number', () => {
    const good = {
      currencyCode: 'USD',
      tierMinimumUnits: 0.0,
      retailPrice: 0.12,
      unitPrice: 0.12,
      armRegionName: 'westeurope',
      meterId: 'f052e8d7-f936-4165-af21-bf7c12c22216',
      meterName: 'D2s v3',
      productId: 'DZH318Z0BQ50',
      skuId: 'DZH318Z0BQ50/00V9',
      productName: 'Virtual Machines DSv3 Series',
      skuName: 'D2s v3',
      serviceName: 'Virtual Machines',
      unitOfMeasure: '1 Hour',
      type: 'Consumption',
      effectiveStartDate: '2020-08-01T00:00:00Z',
      savingsPlan: [
        { unitPrice: 0.0912, retailPrice: 0.0912, term: '1 Year' },
        { unitPrice: 0.06, retailPrice: 0.06, term: '3 Years' },
      ],
    };
    const report = importRetailJson(
      'p.json',
      JSON.stringify({ Items: [good, { ...good, unitPrice: 'free' }, 42] }),
    );
    expect(report.rows[0].savingsPlan1Year?.toFixed()).to.equal('0.0912');
    expect(report.skipped).to.equal(2);
    expect(report.issues.map((issue) => issue.line)).to.deep.equal([2, 3]);
  });

  it('reports a broken JSON page instead of throwing', () => {
    expect(importRetailJson('p.json', '{"Items": [')).to.deep.include({ ok: false, accepted: 0 });
    expect(importRetailJson('p.json', '{"Nope": 1}').fatal).to.match(/Items/);
  });
});
