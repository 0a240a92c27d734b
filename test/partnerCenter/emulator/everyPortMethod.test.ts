import { expect } from 'chai';
import type { EnhancedAttestation } from '../../../src/domain/agreements/enhancedAttestation.js';
import { isDomainError } from '../../../src/domain/errors.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../../../src/domain/partnerCenter/port.js';
import type { PartnerCenterTokens, TokenResource } from '../../../src/partnerCenter/auth/tokens.js';
import type { FetchLike } from '../../../src/partnerCenter/rest/httpClient.js';
import { OPERATIONS } from '../../../src/partnerCenter/rest/operations.js';
import { RestPartnerCenter } from '../../../src/partnerCenter/rest/restPartnerCenter.js';
import { TEST_USER_OBJECT_ID } from '../../support/emulatorTokens.js';
import { CUSTOMERS, emulatorFixture, type EmulatorFixture } from './emulatorFixture.js';

const AUDIENCE: Record<TokenResource, string> = {
  partnerCenter: 'https://api.partnercenter.microsoft.com',
  azureResourceManager: 'https://management.azure.com',
  partnerApi: 'https://api.partner.microsoft.com',
};
const CONTOSO_PLAN = 'f80c27d0-528b-4ad2-97b4-482a7a15d2f6';

type Port = PartnerCenter & EnhancedAttestationPort;
type Step = (pc: Port, fx: EmulatorFixture, state: Record<string, string>) => Promise<unknown>;

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

/** What the REST client adds to an attestation (the link to the emulator's acceptance page). */
function withoutUrl(a: EnhancedAttestation): EnhancedAttestation {
  const { acceptanceUrl: _url, ...rest } = a;
  return rest;
}

/**
 * Every port method, in an order where each write has what it needs (the compiler insists on one
 * step per method). Reads are compared with the sandbox underneath the emulator.
 */
const STEPS: Record<keyof Port, Step> = {
  getPartner: async (pc, fx) =>
    expect(await pc.getPartner()).to.deep.equal(await fx.emulator.sandbox.partnerCenter.getPartner()),
  findUser: async (pc, fx) => {
    const partner = await fx.emulator.sandbox.partnerCenter.getPartner();
    const user = await pc.findUser(partner.tenantId, TEST_USER_OBJECT_ID);
    expect(user).to.deep.equal(
      await fx.emulator.sandbox.partnerCenter.findUser(partner.tenantId, TEST_USER_OBJECT_ID),
    );
    expect(user?.displayName).to.equal('Alex Wilber');
  },
  listIndirectResellers: async (pc, fx) =>
    expect(await pc.listIndirectResellers()).to.deep.equal(
      await fx.emulator.sandbox.partnerCenter.listIndirectResellers(),
    ),
  listCustomers: async (pc, fx) =>
    expect(await pc.listCustomers()).to.deep.equal(await fx.emulator.sandbox.partnerCenter.listCustomers()),
  listCustomersPage: async (pc, fx) => {
    const page = await pc.listCustomersPage({ size: 5 });
    const direct = await fx.emulator.sandbox.partnerCenter.listCustomersPage({ size: 5 });
    expect([page.items, page.totalCount]).to.deep.equal([direct.items, direct.totalCount]);
    const next = await pc.listCustomersPage({ size: 5, continuationToken: page.continuationToken });
    const directNext = await fx.emulator.sandbox.partnerCenter.listCustomersPage({
      size: 5,
      continuationToken: direct.continuationToken,
    });
    expect(next.items).to.deep.equal(directNext.items);
  },
  getCustomer: async (pc, fx) =>
    expect(await pc.getCustomer(CUSTOMERS.contosoWithPlan)).to.deep.equal(
      await fx.emulator.sandbox.partnerCenter.getCustomer(CUSTOMERS.contosoWithPlan),
    ),
  getMcaMetadata: async (pc, fx) =>
    expect(await pc.getMcaMetadata()).to.deep.equal(await fx.emulator.sandbox.partnerCenter.getMcaMetadata()),
  listMcaAgreements: async (pc, fx) => {
    // The API has no recording timestamp of its own: compare what it sends.
    const project = (list: Awaited<ReturnType<Port['listMcaAgreements']>>) =>
      list.map(({ customerId, primaryContact, dateAgreed, templateId, type }) => ({
        customerId,
        primaryContact,
        dateAgreed,
        templateId,
        type,
      }));
    const rest = await pc.listMcaAgreements(CUSTOMERS.northwindAttested);
    expect(rest).to.not.have.length(0);
    expect(project(rest)).to.deep.equal(
      project(await fx.emulator.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.northwindAttested)),
    );
  },
  getDirectSignStatus: async (pc, fx) => {
    for (const id of [CUSTOMERS.hanbitDirectlySigned, CUSTOMERS.fabrikamNoMca])
      expect(await pc.getDirectSignStatus(id)).to.deep.equal(
        await fx.emulator.sandbox.partnerCenter.getDirectSignStatus(id),
      );
  },
  createAgreement: async (pc, fx) => {
    const [metadata] = await pc.getMcaMetadata();
    await pc.createAgreement(
      CUSTOMERS.fabrikamNoMca,
      {
        primaryContact: { firstName: 'Rina', lastName: 'Ito', email: 'rina.ito@fabrikam.com' },
        dateAgreed: '2026-11-25T00:00:00.000Z',
        templateId: metadata.templateId,
        type: 'MicrosoftCustomerAgreement',
      },
      { userId: TEST_USER_OBJECT_ID, displayName: 'Alex Wilber' },
    );
    const stored = await fx.emulator.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.fabrikamNoMca);
    expect(stored.map((a) => a.primaryContact.email)).to.include('rina.ito@fabrikam.com');
  },
  getAzurePlanAvailability: async (pc, fx) => {
    for (const id of [CUSTOMERS.fabrikamNoMca, CUSTOMERS.fourthCoffeeNotAvailable])
      expect(await pc.getAzurePlanAvailability(id)).to.deep.equal(
        await fx.emulator.sandbox.partnerCenter.getAzurePlanAvailability(id),
      );
  },
  createCart: async (pc, _fx, state) => {
    const cart = await pc.createCart(CUSTOMERS.wideWorldResellerCustomer, {
      catalogItemId: 'DZH318Z0BPS6:0001:DZH318Z0BML6',
      quantity: 1,
      billingCycle: 'one_time',
      partnerIdOnRecord: '5120934',
    });
    state.cartId = cart.id;
  },
  checkoutCart: async (pc, fx, state) => {
    const order = await pc.checkoutCart(CUSTOMERS.wideWorldResellerCustomer, state.cartId);
    const planId = order.lineItems[0].subscriptionId;
    const plans = await fx.emulator.sandbox.partnerCenter.listSubscriptions(
      CUSTOMERS.wideWorldResellerCustomer,
    );
    expect(plans.find((s) => s.id === planId)).to.include({ status: 'active', partnerIdOnRecord: '5120934' });
  },
  listSubscriptions: async (pc, fx) => {
    for (const id of [CUSTOMERS.woodgroveLegacyTwoResellers, CUSTOMERS.contosoWithPlan]) {
      const direct = (await fx.emulator.sandbox.partnerCenter.listSubscriptions(id)).map(
        ({ isAzurePartnerSharedServices: _s, upgradedToPlanId: _u, ...rest }) => rest,
      );
      expect(await pc.listSubscriptions(id)).to.deep.equal(direct);
    }
  },
  listAzureEntitlements: async (pc, fx) => {
    const direct = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    // The API sends no creation time for an entitlement.
    expect(await pc.listAzureEntitlements(CUSTOMERS.contosoWithPlan, CONTOSO_PLAN)).to.deep.equal(
      direct.map((e) => ({ ...e, createdAt: '' })),
    );
  },
  createAzureSubscription: async (pc, fx, state) => {
    const created = await pc.createAzureSubscription(CUSTOMERS.contosoWithPlan, CONTOSO_PLAN, 'Every method');
    state.azureId = created.id;
    const listed = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    expect(listed.find((e) => e.id === created.id)).to.include({
      friendlyName: 'Every method',
      status: 'active',
    });
  },
  renameAzureSubscription: async (pc, fx, state) => {
    await pc.renameAzureSubscription(CUSTOMERS.contosoWithPlan, state.azureId, 'Every method renamed');
    const listed = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    expect(listed.find((e) => e.id === state.azureId)?.friendlyName).to.equal('Every method renamed');
  },
  suspendAzureSubscription: async (pc, fx) => {
    // Every Azure subscription of the plan, so the plan itself can be suspended next.
    const all = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    for (const e of all.filter((x) => x.status === 'active'))
      expect((await pc.suspendAzureSubscription(CUSTOMERS.contosoWithPlan, e.id)).status).to.equal(
        'suspended',
      );
    const after = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    expect(after.filter((x) => x.status === 'active')).to.deep.equal([]);
  },
  suspendPlan: async (pc, fx) => {
    expect((await pc.suspendPlan(CUSTOMERS.contosoWithPlan, CONTOSO_PLAN)).status).to.equal('suspended');
    const plan = (await fx.emulator.sandbox.partnerCenter.listSubscriptions(CUSTOMERS.contosoWithPlan)).find(
      (s) => s.id === CONTOSO_PLAN,
    );
    expect(plan?.status).to.equal('suspended');
  },
  reactivatePlan: async (pc) =>
    expect((await pc.reactivatePlan(CUSTOMERS.contosoWithPlan, CONTOSO_PLAN)).status).to.equal('active'),
  reactivateAzureSubscription: async (pc, fx, state) => {
    await pc.reactivateAzureSubscription(CUSTOMERS.contosoWithPlan, state.azureId);
    const listed = await fx.emulator.sandbox.partnerCenter.listAzureEntitlements(
      CUSTOMERS.contosoWithPlan,
      CONTOSO_PLAN,
    );
    expect(listed.find((e) => e.id === state.azureId)?.status).to.equal('active');
  },
  downloadPriceSheet: async (pc, fx) => {
    const rest = await bytesOf(await pc.downloadPriceSheet('kr', 'azure_consumption'));
    const direct = await bytesOf(
      await fx.emulator.sandbox.partnerCenter.downloadPriceSheet('KR', 'azure_consumption'),
    );
    expect([rest[0], rest[1]], 'a gzip stream, passed on as it is').to.deep.equal([0x1f, 0x8b]);
    expect(rest.equals(direct), 'the same bytes as the sandbox serves').to.equal(true);
    expect(await codeOf(pc.downloadPriceSheet('US', 'azure_consumption'))).to.equal('not_found');
  },
  getUpgradeEligibility: async (pc, fx) => {
    for (const id of [CUSTOMERS.woodgroveLegacyTwoResellers, CUSTOMERS.litwareLegacySuspended]) {
      const direct = await fx.emulator.sandbox.partnerCenter.getUpgradeEligibility(id);
      const rest = await pc.getUpgradeEligibility(id);
      expect([rest.isEligible, rest.reason]).to.deep.equal([direct.isEligible, direct.reason]);
    }
  },
  createUpgrade: async (pc, _fx, state) => {
    state.upgradeId = (await pc.createUpgrade(CUSTOMERS.woodgroveLegacyTwoResellers)).upgradeId;
    expect(state.upgradeId).to.match(/^[0-9a-f-]{36}$/);
  },
  getUpgradeStatus: async (pc, fx, state) => {
    let status = 'pending';
    for (let i = 0; i < 400 && status !== 'completed'; i += 1) {
      status = (await pc.getUpgradeStatus(CUSTOMERS.woodgroveLegacyTwoResellers, state.upgradeId)).status;
      if (status !== 'completed') await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).to.equal(
      (
        await fx.emulator.sandbox.partnerCenter.getUpgradeStatus(
          CUSTOMERS.woodgroveLegacyTwoResellers,
          state.upgradeId,
        )
      ).status,
    );
    expect(status).to.equal('completed');
  },
  createEnhancedAttestation: async (pc, fx, state) => {
    const created = await pc.createEnhancedAttestation(CUSTOMERS.fabrikamNoMca, {
      country: 'US',
      language: 'en-US',
      companyName: 'Fabrikam',
      signatoryFirstName: 'Kenji',
      signatoryLastName: 'Sato',
      signatoryEmail: 'kenji.sato@fabrikam.com',
    });
    state.attestationId = created.attestationId;
    expect(created.status).to.equal('pending');
    // The link goes to the emulator's own acceptance page, which answers without the bot.
    expect(created.acceptanceUrl?.startsWith(`${fx.emulator.acceptanceUrl}?`)).to.equal(true);
    const page = await fetch(created.acceptanceUrl ?? '');
    expect([page.status, (await page.text()).includes('Kenji Sato')]).to.deep.equal([200, true]);
  },
  getEnhancedAttestation: async (pc, fx, state) => {
    const accepted = await fetch(`${fx.emulator.acceptanceUrl}/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ attestationId: state.attestationId }).toString(),
    });
    expect(accepted.status).to.equal(200);
    const rest = await pc.getEnhancedAttestation(state.attestationId);
    expect(rest.status).to.equal('accepted');
    expect(withoutUrl(rest)).to.deep.equal(
      await fx.emulator.sandbox.attestations.getEnhancedAttestation(state.attestationId),
    );
  },
  listEnhancedAttestations: async (pc, fx) => {
    for (const id of [CUSTOMERS.fabrikamNoMca, CUSTOMERS.lamnaLinkExpired, CUSTOMERS.relecloudLinkPending]) {
      const rest = await pc.listEnhancedAttestations(id);
      expect(rest.map(withoutUrl)).to.deep.equal(
        await fx.emulator.sandbox.attestations.listEnhancedAttestations(id),
      );
    }
  },
  createAgreementFromAttestation: async (pc, fx, state) => {
    const agreement = await pc.createAgreementFromAttestation(CUSTOMERS.fabrikamNoMca, state.attestationId);
    expect(agreement).to.include({ attestationId: state.attestationId, customerId: CUSTOMERS.fabrikamNoMca });
    const stored = await fx.emulator.sandbox.partnerCenter.listMcaAgreements(CUSTOMERS.fabrikamNoMca);
    expect(stored.find((a) => a.attestationId === state.attestationId)?.primaryContact.email).to.equal(
      'kenji.sato@fabrikam.com',
    );
    expect((await pc.getEnhancedAttestation(state.attestationId)).status).to.equal('agreementCreated');
  },
};

/** Order of the steps (writes after the reads they would change). */
const ORDER: (keyof Port)[] = [
  'getPartner',
  'findUser',
  'listIndirectResellers',
  'listCustomers',
  'listCustomersPage',
  'getCustomer',
  'getMcaMetadata',
  'listMcaAgreements',
  'getDirectSignStatus',
  'getAzurePlanAvailability',
  'listSubscriptions',
  'listAzureEntitlements',
  'listEnhancedAttestations',
  'downloadPriceSheet',
  'createAgreement',
  'createCart',
  'checkoutCart',
  'createAzureSubscription',
  'renameAzureSubscription',
  'suspendAzureSubscription',
  'suspendPlan',
  'reactivatePlan',
  'reactivateAzureSubscription',
  'getUpgradeEligibility',
  'createUpgrade',
  'getUpgradeStatus',
  'createEnhancedAttestation',
  'getEnhancedAttestation',
  'createAgreementFromAttestation',
];

/** `{pc}/v1/customers/{customerId}` → a regex for the request path the emulator gets. */
function pathPattern(root: string, template: string): RegExp {
  const path = template.split('?')[0];
  const escaped = `${new URL(root).pathname.replace(/\/$/, '')}${path}`
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`, 'i');
}

describe('REST client × emulator: every port method over HTTP', () => {
  it('drives each PartnerCenter and EnhancedAttestationPort method through its documented route', async () => {
    // Aliases answered 202 first, so the client's alias poll (getAzureSubscriptionAlias) runs too.
    const fx = await emulatorFixture({ aliasesAnswerAccepted: true });
    try {
      const seen: Array<{ method: string; path: string; status: number }> = [];
      const recording: FetchLike = async (url, init) => {
        const response = await fetch(url, init);
        seen.push({
          method: init.method,
          path: decodeURIComponent(new URL(url).pathname),
          status: response.status,
        });
        return response;
      };
      const tokens: PartnerCenterTokens = {
        getToken: (kind, resource) =>
          kind === 'app-only'
            ? fx.tokens.appOnly({ audience: AUDIENCE[resource] })
            : fx.tokens.appUser({ audience: AUDIENCE[resource] }),
        invalidate: () => undefined,
      };
      const sandbox = fx.emulator.sandbox.partnerCenter;
      const pc = new RestPartnerCenter(
        {
          baseUrl: fx.emulator.partnerCenterUrl,
          armBaseUrl: fx.emulator.armUrl,
          partnerApiBaseUrl: fx.emulator.partnerApiUrl,
          billingAccountName: fx.emulator.billingAccountName,
          fetch: recording,
          tokens,
          aliasPolls: { intervalMs: 1 },
          sleep: async () => undefined,
        },
        {
          partner: await sandbox.getPartner(),
          users: fx.emulator.sandbox.store.read((data) => structuredClone(data.users)),
          indirectResellers: await sandbox.listIndirectResellers(),
        },
      );
      expect([...ORDER].sort()).to.deep.equal(Object.keys(STEPS).sort());
      const state: Record<string, string> = {};
      for (const name of ORDER) {
        try {
          await STEPS[name](pc, fx, state);
        } catch (error) {
          throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }

      const roots = {
        partnerCenter: fx.emulator.partnerCenterUrl,
        azureResourceManager: fx.emulator.armUrl,
        partnerApi: fx.emulator.partnerApiUrl,
      };
      const unrouted = Object.values(OPERATIONS)
        .filter((spec) => {
          const pattern = pathPattern(roots[spec.base], spec.path);
          return !seen.some(
            (r) => r.method === spec.method && pattern.test(r.path) && r.status >= 200 && r.status < 300,
          );
        })
        .map((spec) => spec.operation);
      expect(unrouted, 'operations never answered 2xx by the emulator').to.deep.equal([]);
    } finally {
      await fx.dispose();
    }
  });
});
