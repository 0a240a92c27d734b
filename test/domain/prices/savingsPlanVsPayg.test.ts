import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { PriceRow } from '../../../src/domain/prices/priceRow.js';
import { compareSavingsPlanToPayg } from '../../../src/domain/prices/savingsPlanVsPayg.js';

/** Real rows of the shipped 2026-08-22 snapshot (Azure Retail Prices API via azure-pricing-radar, MIT). */
function vm(skuName: string, meterName: string, payg: string, plan: string | null): PriceRow {
  return {
    currencyCode: 'USD',
    serviceName: 'Virtual Machines',
    armRegionName: 'westeurope',
    productId: 'P',
    skuId: 'P/1',
    meterId: 'm',
    type: 'Consumption',
    reservationTerm: '',
    productName: 'Virtual Machines',
    skuName,
    meterName,
    unitOfMeasure: '1 Hour',
    tierMinimumUnits: new Decimal(0),
    unitPrice: new Decimal(payg),
    unitPriceText: payg,
    retailPrice: new Decimal(payg),
    savingsPlan1Year: plan === null ? null : new Decimal(plan),
    effectiveStartDate: null,
    effectiveEndDate: null,
    tags: '',
  } as PriceRow;
}

describe('Savings plan vs pay-as-you-go net of PEC (PEC never applies to savings plans)', () => {
  const cases = [
    {
      name: 'D4s v5 Linux westeurope: 0.23 PAYG, 0.1748 plan → plan wins only above 89.4 % use',
      row: vm('Standard_D4s_v5', 'D4s v5', '0.23', '0.1748'),
      expect: { net: '0.1955', breakEvenNet: '0.894', breakEvenGross: '0.76', wins: true, saving: '15.111' },
    },
    {
      name: 'EC8adsv6 swedencentral: the plan price equals PAYG → PAYG net of PEC always wins',
      row: vm('EC8adsv6', 'EC8adsv6', '0.621', '0.621'),
      expect: { net: '0.52785', breakEvenNet: '1.176', breakEvenGross: '1', wins: false, saving: '-67.9995' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = compareSavingsPlanToPayg(c.row);
      if (result.kind !== 'compared') throw new Error('not compared');
      expect(result.paygNetHourly.toFixed()).to.equal(c.expect.net);
      expect(result.breakEvenNet.toDecimalPlaces(3).toFixed()).to.equal(c.expect.breakEvenNet);
      expect(result.breakEvenGross.toDecimalPlaces(3).toFixed()).to.equal(c.expect.breakEvenGross);
      expect(result.planWinsAtFullUse).to.equal(c.expect.wins);
      expect(result.monthlySaving.toDecimalPlaces(4).toFixed()).to.equal(c.expect.saving);
    });
  }

  it('a Spot meter earns no PEC, so its PAYG price is compared as it is', () => {
    const result = compareSavingsPlanToPayg(vm('D4s v5 Spot', 'D4s v5 Spot', '0.042504', '0.04'));
    expect(result.kind === 'compared' && result.pecApplies).to.equal(false);
    expect(result.kind === 'compared' && result.paygNetHourly.toFixed()).to.equal('0.042504');
  });

  it('no commitment price in the snapshot → says so instead of guessing', () => {
    expect(compareSavingsPlanToPayg(vm('Standard_D4s_v5', 'D4s v5', '0.414', null))).to.deep.equal({
      kind: 'noCommitmentPrice',
    });
  });
});
