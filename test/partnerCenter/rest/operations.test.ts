import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import type { EnhancedAttestationPort, PartnerCenter } from '../../../src/domain/partnerCenter/port.js';
import {
  CONFIGURED_OPERATIONS,
  OPERATIONS,
  PENDING_OPERATIONS,
  operationsTableMarkdown,
} from '../../../src/partnerCenter/rest/operations.js';

/** Every port method (the compiler insists this record is complete). */
const PORT_METHODS: Record<keyof PartnerCenter | keyof EnhancedAttestationPort, true> = {
  getPartner: true,
  findUser: true,
  listIndirectResellers: true,
  listCustomers: true,
  listCustomersPage: true,
  getCustomer: true,
  getMcaMetadata: true,
  listMcaAgreements: true,
  getDirectSignStatus: true,
  createAgreement: true,
  getAzurePlanAvailability: true,
  createCart: true,
  checkoutCart: true,
  listSubscriptions: true,
  listAzureEntitlements: true,
  createAzureSubscription: true,
  renameAzureSubscription: true,
  suspendAzureSubscription: true,
  reactivateAzureSubscription: true,
  suspendPlan: true,
  reactivatePlan: true,
  getUpgradeEligibility: true,
  createUpgrade: true,
  getUpgradeStatus: true,
  downloadPriceSheet: true,
  createEnhancedAttestation: true,
  getEnhancedAttestation: true,
  listEnhancedAttestations: true,
  createAgreementFromAttestation: true,
};

describe('REST operation table (operations.ts) and docs/partner-center-api.md', () => {
  it('no port method is left pending (every one calls the service or is answered from configuration)', () => {
    expect([...PENDING_OPERATIONS]).to.deep.equal([]);
  });

  it('every port method is either in the table or answered from configuration', () => {
    const configured = new Set<string>([...CONFIGURED_OPERATIONS, ...PENDING_OPERATIONS]);
    const missing = Object.keys(PORT_METHODS).filter((m) => !configured.has(m) && !(m in OPERATIONS));
    expect(missing).to.deep.equal([]);
  });

  it('every entry has a learn.microsoft.com page, a path and a token resource matching its API', () => {
    for (const spec of Object.values(OPERATIONS)) {
      expect(spec.docUrl, spec.operation).to.match(/^https:\/\/learn\.microsoft\.com\//);
      expect(spec.path, spec.operation).to.match(/^\//);
      // The token audience is the API's: Partner Center, ARM, or the partner API (price sheets).
      expect(spec.resource, spec.operation).to.equal(spec.base);
    }
  });

  it('each RestPartnerCenter method names its auth and doc URL in its JSDoc', async () => {
    const source = await readFile(
      new URL('../../../src/partnerCenter/rest/restPartnerCenter.ts', import.meta.url),
      'utf8',
    );
    const problems: string[] = [];
    for (const name of Object.keys(PORT_METHODS).filter((m) => m in OPERATIONS)) {
      const spec = OPERATIONS[name as keyof typeof OPERATIONS];
      const at = source.indexOf(`  async ${name}(`);
      const jsdoc = source.slice(source.lastIndexOf('/**', at), at);
      const auth = spec.auth === 'app+user' ? 'App+User' : 'App-only';
      if (!jsdoc.includes(auth) || !jsdoc.includes(spec.docUrl)) problems.push(name);
    }
    expect(problems).to.deep.equal([]);
  });

  it('the docs table is the one generated from the table (npx tsx scripts/partner-center-api-doc.ts)', async () => {
    const doc = await readFile(new URL('../../../docs/partner-center-api.md', import.meta.url), 'utf8');
    expect(doc).to.include(operationsTableMarkdown());
  });
});
