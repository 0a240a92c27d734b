import { expect } from 'chai';
import { dayEligibility, type AccessGrant } from '../../../src/domain/pec/pecEligibility.js';
import { coveredDays, coversWholeDay } from '../../../src/domain/pec/wholeDay.js';
import { assessRole, PEC_ROLE_CHOICES } from '../../../src/domain/pec/azureRoles.js';

const SUB = '11111111-2222-3333-4444-555555555555';
const vm = {
  subscriptionId: SUB,
  resourceGroup: 'rg-web',
  resourceUri: `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web1`,
};
const grant = (over: Partial<AccessGrant>): AccessGrant => ({
  role: 'Owner',
  scope: { level: 'subscription', subscriptionId: SUB },
  from: '2026-09-01',
  to: null,
  ...over,
});

describe('PEC access rules', () => {
  it('rule — scope: subscription access covers every resource in it', () => {
    expect(dayEligibility([grant({})], vm, '2026-09-05', {}).eligible).to.equal(true);
  });
  it('rule — scope: resource-group access covers its resources only', () => {
    const rg = grant({ scope: { level: 'resourceGroup', subscriptionId: SUB, resourceGroup: 'RG-WEB' } });
    expect(dayEligibility([rg], vm, '2026-09-05', {}).eligible).to.equal(true);
    expect(dayEligibility([rg], { ...vm, resourceGroup: 'rg-db' }, '2026-09-05', {}).eligible).to.equal(
      false,
    );
  });
  it('rule — scope: resource access covers the resource and its children, not siblings', () => {
    const res = grant({ scope: { level: 'resource', resourceUri: vm.resourceUri } });
    expect(
      dayEligibility([res], { ...vm, resourceUri: `${vm.resourceUri}/extensions/x` }, '2026-09-05', {})
        .eligible,
    ).to.equal(true);
    expect(
      dayEligibility([res], { ...vm, resourceUri: `${vm.resourceUri}2` }, '2026-09-05', {}).eligible,
    ).to.equal(false);
  });
  it('rule — whole day: access removed at 15:00 loses that day', () => {
    const g = grant({ to: '2026-09-10T15:00:00Z' });
    expect(dayEligibility([g], vm, '2026-09-09', {}).eligible).to.equal(true);
    expect(dayEligibility([g], vm, '2026-09-10', {}).eligible).to.equal(false);
  });
  it('rule — whole day: two grants meeting at noon still cover the day', () => {
    const intervals = [
      { from: '2026-09-01', to: '2026-09-10T12:00:00Z' },
      { from: '2026-09-10T12:00:00Z', to: '2026-09-11' },
    ];
    expect(coversWholeDay(intervals, '2026-09-10')).to.equal(true);
    expect(coveredDays(intervals, '2026-09').whole).to.have.length(10);
  });
  it('rule — read-only never qualifies even at subscription scope', () => {
    expect(dayEligibility([grant({ role: 'Reader' })], vm, '2026-09-05', {}).eligible).to.equal(false);
  });
  it('rule — indirect model: reseller-held access earns PEC (for the provider)', () => {
    expect(dayEligibility([grant({ holder: 'reseller' })], vm, '2026-09-05', {}).eligible).to.equal(true);
  });
  it('rule — excluded usage: Spot never earns PEC even with Owner access', () => {
    const r = dayEligibility([grant({})], vm, '2026-09-05', { meterName: 'D2s v3 Spot' });
    expect(r.eligible).to.equal(false);
    expect(r.meter.reason).to.equal('spot');
  });
  it('knows Korean role names a partner types', () => {
    expect(assessRole('소유자')).to.deep.equal({ role: 'Owner', qualification: 'qualifying' });
    expect(assessRole('읽기 권한자').qualification).to.equal('readOnly');
  });
});

describe('PEC role choices offered when the bot asks for the role', () => {
  it('every offered role is classified as its group says (azure-plan.md §6)', () => {
    expect(PEC_ROLE_CHOICES.qualifying).to.include.members(['Owner', 'Contributor']);
    for (const role of PEC_ROLE_CHOICES.qualifying)
      expect(assessRole(role).qualification, role).to.equal('qualifying');
    for (const role of PEC_ROLE_CHOICES.readOnly)
      expect(assessRole(role).qualification, role).to.equal('readOnly');
  });
});
