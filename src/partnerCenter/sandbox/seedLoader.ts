import { readFile } from 'node:fs/promises';
import type { ZodError } from 'zod';
import { MCA_AGREEMENT_TYPE, type Agreement } from '../../domain/agreements/agreement.js';
import type { EnhancedAttestation } from '../../domain/agreements/enhancedAttestation.js';
import { toUtcMidnightIso } from '../../domain/agreements/attestationRules.js';
import { normalizeGuid } from '../../domain/customers/guid.js';
import {
  AZURE_PLAN_BILLING_CYCLE,
  AZURE_PLAN_PRODUCT_ID,
  AZURE_PLAN_SKU_ID,
  AZURE_PLAN_TITLE,
  LEGACY_AZURE_OFFER_ID,
  catalogItemId,
} from '../../domain/plans/azurePlanCatalog.js';
import type { Subscription } from '../../domain/subscriptions/subscription.js';
import type { SandboxData, StoredEntitlement } from './sandboxData.js';
import { sandboxSeedSchema, type SandboxSeed, type SeedDate } from './seedSchema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Thrown for a seed file that cannot be used; the message names the file and every bad field. */
export class InvalidSeedError extends Error {
  constructor(
    readonly seedPath: string,
    readonly problems: string[],
  ) {
    super(`Invalid sandbox seed ${seedPath}:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidSeedError';
  }
}

export async function readSeedFile(seedPath: string): Promise<SandboxSeed> {
  let text: string;
  try {
    text = await readFile(seedPath, 'utf-8');
  } catch (error) {
    throw new InvalidSeedError(seedPath, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidSeedError(seedPath, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseSeed(json, seedPath);
}

export function parseSeed(json: unknown, seedPath = '(seed)'): SandboxSeed {
  const parsed = sandboxSeedSchema.safeParse(json);
  if (!parsed.success) throw new InvalidSeedError(seedPath, describeZodError(parsed.error));
  return parsed.data;
}

function describeZodError(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
      '',
    );
    return `${path || '(root)'}: ${issue.message}`;
  });
}

/** Turns a validated seed into the sandbox's stored data, resolving relative dates against `now`. */
export function seedToData(seed: SandboxSeed, now: Date): SandboxData {
  const resolve = (date: SeedDate): string =>
    typeof date === 'string'
      ? new Date(date).toISOString()
      : new Date(now.getTime() - date.daysAgo * DAY_MS).toISOString();

  const agreements: Agreement[] = [];
  const enhancedAttestations: EnhancedAttestation[] = [];
  const subscriptions: Subscription[] = [];
  const entitlements: StoredEntitlement[] = [];
  const transitionFailures: Record<string, string[]> = {};
  const mca = seed.agreementMetadata.find((m) => m.agreementType === MCA_AGREEMENT_TYPE);
  if (!mca)
    throw new InvalidSeedError('(seed)', ['agreementMetadata: needs a MicrosoftCustomerAgreement entry']);

  for (const seedCustomer of seed.customers) {
    const customerId = normalizeGuid(seedCustomer.id);
    for (const attestation of seedCustomer.attestations) {
      agreements.push({
        customerId,
        primaryContact: attestation.primaryContact,
        dateAgreed: toUtcMidnightIso(resolve(attestation.dateAgreed).slice(0, 10)),
        templateId: mca.templateId,
        type: MCA_AGREEMENT_TYPE,
        userId: attestation.userId,
        userDisplayName: attestation.userDisplayName,
        recordedAt: attestation.recordedAt,
        agreementLink: mca.agreementLink,
      });
    }
    for (const seeded of seedCustomer.enhancedAttestations) {
      const createdAt = resolve(seeded.created);
      const expiresAt = new Date(new Date(createdAt).getTime() + seeded.linkTtlHours * 3_600_000);
      const attestationId = normalizeGuid(seeded.attestationId);
      enhancedAttestations.push({
        attestationId,
        customerId,
        status: seeded.status === 'accepted' ? 'accepted' : 'pending',
        request: {
          country: seedCustomer.country,
          language: seeded.language,
          companyName: seedCustomer.companyName,
          signatoryFirstName: seeded.signatoryFirstName,
          signatoryLastName: seeded.signatoryLastName,
          signatoryEmail: seeded.signatoryEmail,
        },
        createdAt,
        // 'expired' in the seed: a link whose lifetime ran out the moment it was created.
        expiresAt: seeded.status === 'expired' ? createdAt : expiresAt.toISOString(),
        ...(seeded.status === 'accepted' ? { acceptedAt: createdAt } : {}),
        linkParameters: { attestationId, language: seeded.language, country: seedCustomer.country },
      });
    }
    for (const plan of seedCustomer.azurePlans) {
      const availabilityId = seed.catalog.azurePlanAvailability[seedCustomer.country] ?? 'UNKNOWN';
      const purchased = resolve(plan.purchased);
      subscriptions.push({
        id: normalizeGuid(plan.id),
        customerId,
        offerId: catalogItemId(AZURE_PLAN_PRODUCT_ID, AZURE_PLAN_SKU_ID, availabilityId),
        offerName: AZURE_PLAN_TITLE,
        friendlyName: AZURE_PLAN_TITLE,
        quantity: 1,
        billingCycle: AZURE_PLAN_BILLING_CYCLE,
        status: plan.status,
        creationDate: purchased,
        partnerIdOnRecord: plan.partnerIdOnRecord,
      });
      for (const azure of plan.azureSubscriptions) {
        entitlements.push({
          id: normalizeGuid(azure.id),
          customerId,
          friendlyName: azure.friendlyName,
          status: azure.status,
          subscriptionId: normalizeGuid(plan.id),
          createdAt: purchased,
        });
      }
    }
    for (const legacy of seedCustomer.legacySubscriptions) {
      const id = normalizeGuid(legacy.id);
      subscriptions.push({
        id,
        customerId,
        offerId: LEGACY_AZURE_OFFER_ID,
        offerName: 'Microsoft Azure',
        friendlyName: legacy.friendlyName,
        quantity: 1,
        billingCycle: 'monthly',
        status: legacy.status,
        creationDate: resolve(legacy.purchased),
        partnerIdOnRecord: legacy.partnerIdOnRecord,
        azureSubscriptionId: id,
        isAzurePartnerSharedServices: legacy.isAzurePartnerSharedServices,
      });
    }
    if (seedCustomer.transitionFailsFor.length > 0) {
      transitionFailures[customerId] = seedCustomer.transitionFailsFor.map(normalizeGuid);
    }
  }

  return {
    schemaVersion: 1,
    seededAt: now.toISOString(),
    partner: seed.partner,
    users: seed.users.map((user) => ({ ...user, tenantId: seed.partner.tenantId })),
    indirectResellers: seed.indirectResellers,
    agreementMetadata: seed.agreementMetadata,
    azurePlanAvailability: seed.catalog.azurePlanAvailability,
    customers: seed.customers.map((c) => ({
      id: normalizeGuid(c.id),
      companyName: c.companyName,
      domain: c.domain,
      country: c.country,
      resellerOfRecord: c.resellerOfRecord,
      relationship: c.relationship,
    })),
    directlySigned: seed.customers.filter((c) => c.directlySigned).map((c) => normalizeGuid(c.id)),
    agreements,
    enhancedAttestations,
    subscriptions,
    entitlements,
    carts: [],
    orders: [],
    upgrades: [],
    transitionFailures,
    audit: [],
    idempotency: {},
  };
}
