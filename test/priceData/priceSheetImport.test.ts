import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { meterPecEligibility } from '../../src/domain/pec/meterEligibility.js';
import { graduatedCost } from '../../src/domain/prices/tiers.js';
import { importPriceSheetCsv, PRICE_SHEET_COLUMNS } from '../../src/priceData/priceSheetImport.js';
import { FIXTURE_PRICE_DATA } from './fixtures.js';

const header = PRICE_SHEET_COLUMNS.map((column) => `"${column}"`).join(',');
const line = (cells: string[]) => cells.map((cell) => `"${cell}"`).join(',');
const tierRow = (min: string, max: string, price: string) =>
  line([
    'Example Meter',
    'DZH318Z0TEST',
    '0001',
    'Example Meter - EU West',
    'Microsoft',
    'Example',
    '1 GB',
    'payG-1',
    'DE',
    'USD',
    price,
    min,
    max,
    '8/1/2026 12:00:00 AM',
    '11/30/9999 11:59:59 PM',
    '11111111-2222-3333-4444-555555555555',
    '1 GB',
    'Azure',
  ]);

describe('Partner Center Azure plan price sheet import', () => {
  it('imports the documented 2019 example row with its dates, tags and meter', () => {
    const csv = readFileSync(
      `${FIXTURE_PRICE_DATA}partner-center/azure_consumption_pricesheet_example_2019.csv`,
      'utf8',
    );
    const report = importPriceSheetCsv('example.csv', csv);
    expect({ ok: report.ok, accepted: report.accepted, skipped: report.skipped }).to.deep.equal({
      ok: true,
      accepted: 1,
      skipped: 0,
    });
    expect(report.rows[0]).to.deep.include({
      productId: 'DZH318Z0C16V',
      skuId: 'DZH318Z0C16V/001J',
      meterId: 'cb0969aa-aaaa-4d6c-ab4b-7e182fa06aff',
      type: 'Consumption',
      unitOfMeasure: '1 Node/Month',
      effectiveStartDate: '2018-03-01T00:00:00.000Z',
      effectiveEndDate: '9999-11-30T23:59:59.000Z',
      tags: 'Azure',
    });
    expect(report.rows[0].unitPrice.toFixed()).to.equal('15');
  });

  it('turns tier ranges into graduated tiers: 101 units of the documented example cost 100.80', () => {
    const csv = [
      header,
      tierRow('1', '100', '1.00'),
      tierRow('101', '100000', '0.80'),
      tierRow('100001', '', '0.50'),
    ].join('\n');
    const report = importPriceSheetCsv('tiers.csv', csv, (text) =>
      text === 'EU West' ? 'westeurope' : null,
    );
    expect(report.rows.map((row) => row.tierMinimumUnits.toFixed())).to.deep.equal(['0', '100', '100000']);
    expect(report.rows[0].armRegionName).to.equal('westeurope');
    const tiers = report.rows.map((row) => ({
      minimumUnits: row.tierMinimumUnits,
      unitPrice: row.unitPrice,
    }));
    expect(graduatedCost(tiers, new Decimal(101)).toFixed(2)).to.equal('100.80');
  });

  it('keeps the Third Party tag so the item is shown as not PEC-eligible', () => {
    const csv = [header, tierRow('', '', '2.5').replace('"Azure"', '"Third Party"')].join('\n');
    const [row] = importPriceSheetCsv('third.csv', csv).rows;
    expect(meterPecEligibility({ type: row.type, tags: row.tags })).to.deep.equal({
      eligible: false,
      reason: 'thirdParty',
    });
  });

  it('reads reservation rows as type Reservation with their term', () => {
    const csv = [
      header,
      tierRow('', '', '1000').replace('"payG-1"', '"P1Y"').replace('"Azure"', '"Azure, Reservations"'),
    ].join('\n');
    expect(importPriceSheetCsv('r.csv', csv).rows[0]).to.deep.include({
      type: 'Reservation',
      reservationTerm: '1 Year',
    });
  });

  it('skips bad rows with their line numbers and fails cleanly on a wrong header', () => {
    const csv = [
      header,
      tierRow('', '', '1'),
      tierRow('', '', 'abc'),
      tierRow('', '', '1').replace('"8/1/2026 12:00:00 AM"', '"someday"'),
    ].join('\n');
    const report = importPriceSheetCsv('bad.csv', csv);
    expect({ accepted: report.accepted, skipped: report.skipped }).to.deep.equal({ accepted: 1, skipped: 2 });
    expect(report.issues.map((issue) => issue.line)).to.deep.equal([3, 4]);
    expect(report.issues[1].message).to.match(/EffectiveStartDate/);
    expect(importPriceSheetCsv('wrong.csv', 'ProductTitle,UnitPrice\nx,1\n').fatal).to.match(
      /missing columns/,
    );
  });
});
