import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { excludedUsageInWords } from '../../../src/domain/pec/usageWords.js';
import { parsePecAccessQuestion } from '../../../src/domain/pec/pecQuestion.js';
import { PecEstimator } from '../../../src/domain/pec/pecEstimate.js';
import type { PecIneligibleReason } from '../../../src/domain/pec/meterEligibility.js';

// azure-plan.md §6 "Ineligible services": reservations, "Third Party" products, marketplace products,
// Spot VMs, savings plans. A question naming one of them is about usage that never earns PEC.
const cases: Array<[string, PecIneligibleReason | undefined]> = [
  ['PEC on a D4s v5 reserved instance in West Europe, Owner all month', 'reservation'],
  ['pec D4s v5 reservation west europe Owner all month', 'reservation'],
  ['PEC for Azure reservations, Owner access', 'reservation'],
  ['pec 3-year RI for D4s v5, Contributor', 'reservation'],
  ['pec D4s v5 under a savings plan, Owner for 20 days', 'savingsPlan'],
  ['PEC on compute savings plans', 'savingsPlan'],
  ['pec E2s v5 spot west europe 730 hours Owner all month', 'spot'],
  ['PEC for Spot VMs', 'spot'],
  ['pec third-party software on D4s v5, Owner', 'thirdParty'],
  ['pec third party products', 'thirdParty'],
  ['PEC on 3rd-party images', 'thirdParty'],
  ['pec marketplace product Owner all month', 'marketplace'],
  ['PEC for Azure Marketplace offers', 'marketplace'],
  ['pec 서유럽 D4s v5 예약 인스턴스 730시간 소유자 한 달 내내', 'reservation'],
  ['pec 예약 소유자 권한', 'reservation'],
  ['pec 서유럽 D4s v5 절약 플랜 소유자 한 달 내내', 'savingsPlan'],
  ['pec 절감 플랜 기여자', 'savingsPlan'],
  ['pec 서유럽 D4s v5 스팟 730시간 소유자', 'spot'],
  ['pec 스팟 VM', 'spot'],
  ['pec 타사 제품 소유자', 'thirdParty'],
  ['pec 서드파티 이미지', 'thirdParty'],
  ['pec 마켓플레이스 제품 소유자 20일', 'marketplace'],
  // Nothing excluded: ordinary consumption, and words that only look alike.
  ['PEC on 730 h of D4s v5 in West Europe, Owner access for 20 days', undefined],
  ['pec 서유럽 D4s v5 730시간, 오너 권한 20일', undefined],
  ['pec D4s v5 in the Spotsylvania data centre', undefined],
  ['pec Network Contributor on the subscription', undefined],
];

describe('PEC: usage named in the question that never earns PEC (EN + KO)', () => {
  for (const [text, reason] of cases) {
    it(`"${text}" → ${reason ?? 'no exclusion'}`, () => {
      expect(excludedUsageInWords(text)).to.equal(reason);
      expect(parsePecAccessQuestion(text).usage).to.equal(reason);
    });
  }

  for (const [text, reason] of cases.filter(([, r]) => r !== undefined)) {
    it(`estimate for "${text}" is no PEC, with the reason, whatever the role and days`, () => {
      const r = new PecEstimator().estimate({
        unitPrice: new Decimal('0.23'),
        quantity: new Decimal(730),
        month: '2026-09',
        access: { kind: 'fullMonth' },
        role: 'Owner',
        meter: { type: 'Consumption', meterName: 'D4s v5', skuName: 'D4s v5' },
        usageNamed: parsePecAccessQuestion(text).usage,
      });
      expect(r.eligible).to.equal(false);
      expect(r.pecAmount.toFixed(2)).to.equal('0.00');
      expect(r.blendedRate.toFixed(2)).to.equal('0.00');
      expect(r.reasons).to.deep.include({ code: 'meterExcluded', params: { meterReason: reason } });
      expect(r.reasons.map((x) => x.code)).to.not.include('fullMonth');
    });
  }
});
