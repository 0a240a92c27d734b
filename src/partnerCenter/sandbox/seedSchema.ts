import { z } from 'zod';
import { isGuid } from '../../domain/customers/guid.js';
import { PARTNER_ROLES, PARTNER_TYPES } from '../../domain/identity/roles.js';

/** A date in the seed: an ISO date(-time) or a date relative to the first start ("bought last week"). */
const seedDate = z.union([
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO date like 2025-01-31'),
  z.object({ daysAgo: z.number().int().nonnegative() }).strict(),
]);
export type SeedDate = z.infer<typeof seedDate>;

const guid = z.string().refine(isGuid, 'expected a GUID like 14876998-c0dc-46e6-9d0c-65a57a6c32ec');
const mpnId = z.string().regex(/^\d{6,10}$/, 'expected an MPN id of 6 to 10 digits');
const country = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 two-letter country code in upper case');

const contact = z
  .object({
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    email: z.string().email(),
    phoneNumber: z.string().min(1).optional(),
  })
  .strict();

const seedAttestation = z
  .object({
    primaryContact: contact,
    dateAgreed: seedDate,
    userId: z.string().min(1),
    userDisplayName: z.string().min(1).optional(),
    recordedAt: z.string().datetime(),
  })
  .strict();

/** An enhanced attestation in flight (issue 14): pending, accepted by the signatory, or with an expired link. */
const seedEnhancedAttestation = z
  .object({
    attestationId: guid,
    status: z.enum(['pending', 'accepted', 'expired']),
    signatoryFirstName: z.string().min(1),
    signatoryLastName: z.string().min(1),
    signatoryEmail: z.string().email(),
    language: z.string().min(2),
    created: seedDate,
    /** Link lifetime from `created`, in hours (sandbox data; the docs give none). */
    linkTtlHours: z.number().int().positive(),
  })
  .strict();

const seedAzureSubscription = z
  .object({
    id: guid,
    friendlyName: z.string().min(1).max(64),
    status: z.enum(['active', 'suspended']),
  })
  .strict();

const seedAzurePlan = z
  .object({
    id: guid,
    partnerIdOnRecord: mpnId.nullable(),
    purchased: seedDate,
    status: z.enum(['active', 'suspended']).default('active'),
    azureSubscriptions: z.array(seedAzureSubscription),
  })
  .strict();

const seedLegacySubscription = z
  .object({
    id: guid,
    friendlyName: z.string().min(1),
    status: z.enum(['active', 'suspended']),
    purchased: seedDate,
    partnerIdOnRecord: mpnId.nullable(),
    isAzurePartnerSharedServices: z.boolean().default(false),
  })
  .strict();

const seedCustomer = z
  .object({
    id: guid,
    companyName: z.string().min(1),
    domain: z.string().min(3),
    country,
    resellerOfRecord: mpnId.nullable(),
    relationship: z.enum(['Reseller', 'None']),
    directlySigned: z.boolean().default(false),
    attestations: z.array(seedAttestation).default([]),
    enhancedAttestations: z.array(seedEnhancedAttestation).default([]),
    azurePlans: z.array(seedAzurePlan).default([]),
    legacySubscriptions: z.array(seedLegacySubscription).default([]),
    /** Sandbox only: legacy subscription ids whose transition step fails (to show errors). */
    transitionFailsFor: z.array(guid).default([]),
  })
  .strict();

export const sandboxSeedSchema = z
  .object({
    $comment: z.string().optional(),
    partner: z
      .object({
        tenantId: z.string().min(1),
        mpnId,
        name: z.string().min(1),
        type: z.enum(PARTNER_TYPES),
        country,
      })
      .strict(),
    users: z
      .array(
        z
          .object({
            aadObjectId: z.string().min(1),
            displayName: z.string().min(1),
            email: z.string().email().optional(),
            roles: z.array(z.enum(PARTNER_ROLES)),
          })
          .strict(),
      )
      .min(1),
    indirectResellers: z.array(z.object({ mpnId, name: z.string().min(1), country }).strict()),
    agreementMetadata: z
      .array(
        z
          .object({
            templateId: guid,
            agreementType: z.enum(['MicrosoftCustomerAgreement', 'MicrosoftCloudAgreement']),
            agreementLink: z.string().url(),
            versionRank: z.number().int(),
          })
          .strict(),
      )
      .min(1),
    catalog: z.object({ azurePlanAvailability: z.record(country, z.string().min(1)) }).strict(),
    customers: z.array(seedCustomer),
  })
  .strict()
  .superRefine((seed, context) => {
    // Ids must be unique across the seed, and failures must name a legacy subscription of that customer.
    const seen = new Map<string, string>();
    const unique = (id: string, path: (string | number)[]) => {
      const key = id.toLowerCase();
      const first = seen.get(key);
      if (first)
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path,
          message: `duplicate id ${id} (first used at ${first})`,
        });
      else seen.set(key, path.join('.'));
    };
    seed.users.forEach((user, i) => unique(user.aadObjectId, ['users', i, 'aadObjectId']));
    seed.customers.forEach((customer, c) => {
      unique(customer.id, ['customers', c, 'id']);
      customer.azurePlans.forEach((plan, p) => {
        unique(plan.id, ['customers', c, 'azurePlans', p, 'id']);
        plan.azureSubscriptions.forEach((azure, a) =>
          unique(azure.id, ['customers', c, 'azurePlans', p, 'azureSubscriptions', a, 'id']),
        );
      });
      customer.legacySubscriptions.forEach((legacy, l) =>
        unique(legacy.id, ['customers', c, 'legacySubscriptions', l, 'id']),
      );
      const legacyIds = new Set(customer.legacySubscriptions.map((l) => l.id.toLowerCase()));
      customer.transitionFailsFor.forEach((id, f) => {
        if (!legacyIds.has(id.toLowerCase())) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['customers', c, 'transitionFailsFor', f],
            message: "expected the id of one of this customer's legacySubscriptions",
          });
        }
      });
    });
  });

export type SandboxSeed = z.infer<typeof sandboxSeedSchema>;
export type SeedCustomer = z.infer<typeof seedCustomer>;
