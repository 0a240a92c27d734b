import { expect } from 'chai';
import {
  LEGACY_VS_AZURE_PLAN,
  NEW_COMMERCE_OFFERS,
  OFFER_COMPARISONS,
} from '../../../src/domain/offers/offerComparison.js';

const cell = (table: typeof LEGACY_VS_AZURE_PLAN, row: string, column: string): string =>
  table.rows.find((r) => r.id === row)!.values[table.columns.indexOf(column)];

describe('offer comparison tables (azure-plan.md §8)', () => {
  it('every row has one value per column and every table names its source and date', () => {
    for (const table of OFFER_COMPARISONS) {
      for (const row of table.rows)
        expect(row.values, `${table.id}.${row.id}`).to.have.length(table.columns.length);
      expect(table.source).to.not.equal('');
      expect(table.asOf).to.match(/\d{4}/);
    }
  });
  it('legacy offer bills from the anniversary date; the Azure plan by calendar month', () => {
    expect(cell(LEGACY_VS_AZURE_PLAN, 'billingPeriod', 'legacy')).to.equal('anniversaryPeriod');
    expect(cell(LEGACY_VS_AZURE_PLAN, 'billingPeriod', 'azurePlan')).to.equal('calendarMonth');
  });
  it('only the Azure plan makes the discount depend on access, and the legacy+plan table is marked inferred', () => {
    expect(cell(LEGACY_VS_AZURE_PLAN, 'accessDependency', 'azurePlan')).to.equal('yesRbac');
    expect(LEGACY_VS_AZURE_PLAN.inferred).to.equal(true);
    expect(NEW_COMMERCE_OFFERS.inferred).to.equal(false);
  });
  it('new commerce: reservations do not auto-renew, the Azure plan does; plan sold in 139 countries', () => {
    expect(cell(NEW_COMMERCE_OFFERS, 'autoRenew', 'reservations')).to.equal('no');
    expect(cell(NEW_COMMERCE_OFFERS, 'autoRenew', 'azurePlan')).to.equal('yes');
    expect(cell(NEW_COMMERCE_OFFERS, 'geo', 'azurePlan')).to.equal('countries139');
  });
});
