import type { Partner, PartnerUser } from '../../src/domain/identity/actor.js';
import type { PartnerRole } from '../../src/domain/identity/roles.js';
import type { PartnerDirectory } from '../../src/bot/identity.js';

export const PARTNER: Partner = {
  tenantId: '00000000-0000-0000-0000-0000000000001',
  mpnId: '1234567',
  name: 'Contoso Cloud Partners',
  type: 'IndirectProvider',
  country: 'US',
};

export function user(aadObjectId: string, displayName: string, roles: PartnerRole[]): PartnerUser {
  return { aadObjectId, tenantId: PARTNER.tenantId, displayName, roles };
}

/** A directory with fixed users, for bot tests that do not need the sandbox. */
export class FakeDirectory implements PartnerDirectory {
  constructor(
    private readonly users: PartnerUser[],
    private readonly partner: Partner = PARTNER,
  ) {}
  async getPartner(): Promise<Partner> {
    return this.partner;
  }
  async findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined> {
    return this.users.find((u) => u.tenantId === tenantId && u.aadObjectId === aadObjectId);
  }
}
