import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { AccessGrant } from '../../../src/domain/pec/pecEligibility.js';
import { ReconChecks, reconMeterFacts, type UsageRowFacts } from '../../../src/domain/recon/reconChecks.js';

const CUSTOMER = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';
const SUBSCRIPTION = '5a6b7c8d-1111-4222-8333-944455556666';
const VM = `/subscriptions/${SUBSCRIPTION}/resourceGroups/app/providers/Microsoft.Compute/virtualMachines/web1`;

const owner: AccessGrant = {
  role: 'Owner',
  scope: { level: 'subscription', subscriptionId: SUBSCRIPTION },
  from: '2026-11-01T00:00:00Z',
  to: null,
};

/** A D4s v5 hour at 0.20 USD, billed in EUR at 0.92: with 15 % PEC the EUP is 0.17. */
function row(overrides: Partial<UsageRowFacts> = {}): UsageRowFacts {
  return {
    customerId: CUSTOMER,
    entitlementId: SUBSCRIPTION,
    resourceGroup: 'app',
    resourceUri: VM,
    usageDate: '2026-11-10',
    meterName: 'D4s v5',
    skuName: 'D4s v5',
    productName: 'Virtual Machines Dsv5 Series',
    publisherName: 'Microsoft',
    benefitType: '',
    unitPrice: new Decimal('0.20'),
    quantity: new Decimal(24),
    effectiveUnitPrice: new Decimal('0.17'),
    billingPreTaxTotal: new Decimal('3.75'),
    pcToBcExchangeRate: new Decimal('0.92'),
    pecPercentage: 15,
    ...overrides,
  };
}

describe('PEC reconciliation checks of one usage row (domain/recon/reconChecks)', () => {
  const withAccess = new ReconChecks([{ customerId: CUSTOMER.toUpperCase(), grant: owner }]);
  const withoutAccess = new ReconChecks([]);

  const cases: [string, ReconChecks, Partial<UsageRowFacts>, string[]][] = [
    ['PEC earned as the access predicts, amounts right', withAccess, {}, []],
    [
      'access covered the day but no PEC was recorded',
      withAccess,
      { pecPercentage: 0, effectiveUnitPrice: new Decimal('0.20'), billingPreTaxTotal: new Decimal('4.41') },
      ['pecMissing'],
    ],
    ['PEC recorded without the access to earn it', withoutAccess, {}, ['pecUnexpected']],
    [
      'access granted mid-day: the day is not whole, PEC unexpected',
      new ReconChecks([{ customerId: CUSTOMER, grant: { ...owner, from: '2026-11-10T09:00:00Z' } }]),
      {},
      ['pecUnexpected'],
    ],
    [
      'EUP that is not UnitPrice × (1 − PEC)',
      withAccess,
      { effectiveUnitPrice: new Decimal('0.19'), billingPreTaxTotal: new Decimal('4.19') },
      ['effectivePriceMismatch'],
    ],
    [
      'EUP drift within 0.1 % is accepted',
      withAccess,
      { effectiveUnitPrice: new Decimal('0.17015'), billingPreTaxTotal: new Decimal('3.75') },
      [],
    ],
    [
      'total that is not floor(EUP × quantity × FX, 2)',
      withAccess,
      { billingPreTaxTotal: new Decimal('3.76') },
      ['totalMismatch'],
    ],
  ];
  for (const [label, checks, overrides, flags] of cases) {
    it(`${label} → ${flags.join(', ') || 'no flag'}`, () => {
      expect(checks.check(row(overrides)).flags).to.deep.equal(flags);
    });
  }

  it('counts PEC earned and, on an eligible meter without it, the PEC lost', () => {
    expect(withAccess.check(row()).earned.toFixed(2)).to.equal('0.72');
    const missed = withAccess.check(row({ pecPercentage: 0, effectiveUnitPrice: new Decimal('0.20') }));
    expect(missed.earned.isZero()).to.equal(true);
    expect(missed.lost.toFixed(2)).to.equal('0.72');
    expect(missed.expectedBillingPreTaxTotal.toFixed(2)).to.equal('4.41');
  });

  it('never expects PEC on usage excluded from it (reservations, savings plans, marketplace, Spot)', () => {
    for (const overrides of [
      { benefitType: 'Reservation' },
      { benefitType: 'SavingsPlan' },
      { publisherName: 'Contoso Marketplace Ltd' },
      { meterName: 'D4s v5 Spot' },
    ]) {
      const check = withAccess.check(
        row({
          ...overrides,
          pecPercentage: 0,
          effectiveUnitPrice: new Decimal('0.20'),
          billingPreTaxTotal: new Decimal('4.41'),
        }),
      );
      expect(check.expectedPec, JSON.stringify(overrides)).to.equal(false);
      expect(check.excluded, JSON.stringify(overrides)).to.not.equal(null);
      expect(check.flags).to.deep.equal([]);
      expect(check.lost.isZero()).to.equal(true);
    }
  });

  it('reads reservation, savings plan and marketplace from the row', () => {
    expect(reconMeterFacts(row({ benefitType: 'Reservation' })).type).to.equal('Reservation');
    expect(reconMeterFacts(row({ benefitType: 'SavingsPlan' })).savingsPlan).to.equal(true);
    expect(reconMeterFacts(row({ publisherName: 'Microsoft Corporation' })).marketplace).to.equal(false);
    expect(reconMeterFacts(row({ publisherName: '' })).marketplace).to.equal(false);
  });
});
