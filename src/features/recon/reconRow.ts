import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { UsageRowFacts } from '../../domain/recon/reconChecks.js';
import { COLUMN_INDEX } from './reconColumns.js';

/**
 * The fields of a daily rated usage row the reconciliation uses, typed; amounts as Decimal: what the
 * domain's checks read (UsageRowFacts) plus the names, ids and currencies the report shows.
 */
export interface ReconRow extends UsageRowFacts {
  customerName: string;
  subscriptionId: string;
  meterId: string;
  billingCurrency: string;
  pricingCurrency: string;
}

const decimalText = z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'must be a decimal number');
const dayText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$|^\d{1,2}\/\d{1,2}\/\d{4}( .*)?$/, 'must be a date');
const guid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a GUID');

const schema = z.object({
  CustomerId: guid,
  CustomerName: z.string(),
  SubscriptionId: z.string().min(1),
  EntitlementId: guid,
  ResourceGroup: z.string(),
  ResourceURI: z.string(),
  UsageDate: dayText,
  MeterId: z.string().min(1),
  MeterName: z.string(),
  SkuName: z.string(),
  ProductName: z.string(),
  PublisherName: z.string(),
  BenefitType: z.string(),
  UnitPrice: decimalText,
  Quantity: decimalText,
  EffectiveUnitPrice: decimalText,
  BillingPreTaxTotal: decimalText,
  BillingCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be a currency code'),
  PricingCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be a currency code'),
  PCToBCExchangeRate: decimalText,
  PartnerEarnedCreditPercentage: z.enum(['0', '15', '15.0', '0.0'], {
    errorMap: () => ({ message: 'must be 0 or 15' }),
  }),
});

type SchemaField = keyof z.infer<typeof schema>;
const FIELDS = Object.keys(schema.shape) as SchemaField[];

/** US-style dates ("10/15/2026 12:00:00 AM") as Partner Center exports them → YYYY-MM-DD. */
function isoDay(text: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  return text.slice(0, 10);
}

export type RowValidation = { ok: true; row: ReconRow } | { ok: false; problems: string[] };

/** Validates one record (array in file column order) and types it. */
export function validateReconRecord(record: readonly string[]): RowValidation {
  const picked: Record<string, string> = {};
  for (const field of FIELDS) picked[field] = (record[COLUMN_INDEX[field]] ?? '').trim();
  const result = schema.safeParse(picked);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    };
  }
  const r = result.data;
  return {
    ok: true,
    row: {
      customerId: r.CustomerId.toLowerCase(),
      customerName: r.CustomerName,
      subscriptionId: r.SubscriptionId,
      entitlementId: r.EntitlementId.toLowerCase(),
      resourceGroup: r.ResourceGroup,
      resourceUri: r.ResourceURI,
      usageDate: isoDay(r.UsageDate),
      meterId: r.MeterId,
      meterName: r.MeterName,
      skuName: r.SkuName,
      productName: r.ProductName,
      publisherName: r.PublisherName,
      benefitType: r.BenefitType,
      unitPrice: new Decimal(r.UnitPrice),
      quantity: new Decimal(r.Quantity),
      effectiveUnitPrice: new Decimal(r.EffectiveUnitPrice),
      billingPreTaxTotal: new Decimal(r.BillingPreTaxTotal),
      billingCurrency: r.BillingCurrency,
      pricingCurrency: r.PricingCurrency,
      pcToBcExchangeRate: new Decimal(r.PCToBCExchangeRate),
      pecPercentage: Number(r.PartnerEarnedCreditPercentage),
    },
  };
}
