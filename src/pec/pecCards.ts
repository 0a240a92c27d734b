import type { Decimal } from 'decimal.js';
import type { Translator } from '../i18n/translator.js';
import type { MessageKey } from '../i18n/messages/index.js';
import type { PecEstimate } from '../domain/pec/pecEstimate.js';
import type { PecReason } from '../domain/pec/pecEligibility.js';
import { monthLabel, percent } from '../billing/cardFormat.js';

export const PEC_ESTIMATE_CARD = 'pec-estimate';

/** What the price engine found for the question: shown on the card with its source and date. */
export interface PecPriceContext {
  /** E.g. "D4s v5 (Linux), West Europe". */
  meterLabel: string;
  unitOfMeasure: string;
  priceSource: string;
  /** Already formatted by the price engine, e.g. "snapshot of Aug 22, 2026". */
  snapshot: string;
  /** The role as the user gave it; undefined when not told. */
  role?: string;
}

export interface PecEstimateCardData {
  title: string;
  subtitle: string;
  verdict: string;
  facts: Array<{ title: string; value: string }>;
  reasonsTitle: string;
  reasons: Array<{ text: string }>;
  footer: string;
}

/** Localized text of one machine-readable reason. */
export function reasonText(t: Translator, reason: PecReason): string {
  const params: Record<string, string | number> = { ...(reason.params ?? {}) };
  if (typeof params.meterReason === 'string')
    params.meterReason = t.t(`pec.meterReason.${params.meterReason}` as MessageKey);
  if (typeof params.scope === 'string') params.scope = t.t(`pec.scope.${params.scope}` as MessageKey);
  if (typeof params.days === 'string')
    params.days = params.days
      .split(', ')
      .map((d) => t.date(d))
      .join(', ');
  return t.t(`pec.reason.${reason.code}` as MessageKey, params);
}

export function pecEstimateCard(
  t: Translator,
  estimate: PecEstimate,
  price: PecPriceContext,
  quantity: Decimal,
  unitPrice: Decimal,
): PecEstimateCardData {
  const usd = (v: Decimal, digits?: number): string => t.money(v, 'USD', digits);
  return {
    title: t.t('pec.estimate.title'),
    subtitle: t.t('pec.estimate.subtitle', { meter: price.meterLabel, month: monthLabel(t, estimate.month) }),
    verdict: t.t(estimate.eligible ? 'pec.value.eligible' : 'pec.value.notEligible'),
    facts: [
      { title: t.t('pec.fact.quantity'), value: `${t.number(quantity)} × ${price.unitOfMeasure}` },
      { title: t.t('pec.fact.unitPrice'), value: usd(unitPrice, 6) },
      { title: t.t('pec.fact.role'), value: price.role ?? t.t('pec.value.roleNotGiven') },
      {
        title: t.t('pec.fact.access'),
        value: t.t('pec.value.accessDays', {
          days: estimate.eligibleDays,
          daysInMonth: estimate.daysInMonth,
        }),
      },
      { title: t.t('pec.fact.listPrice'), value: usd(estimate.listPrice) },
      { title: t.t('pec.fact.pec'), value: usd(estimate.pecAmount) },
      { title: t.t('pec.fact.billed'), value: usd(estimate.billedAmount) },
      { title: t.t('pec.fact.effectiveUnitPrice'), value: usd(estimate.effectiveUnitPrice, 6) },
      { title: t.t('pec.fact.blendedRate'), value: percent(t, estimate.blendedRate) },
      { title: t.t('pec.fact.recipient'), value: t.t(`pec.value.recipient.${estimate.recipient}`) },
    ],
    reasonsTitle: t.t('pec.why.title'),
    reasons: estimate.reasons.map((reason) => ({ text: reasonText(t, reason) })),
    footer: t.t('pec.estimate.footer', {
      rate: percent(t, estimate.rate.rate),
      rateFrom: t.date(estimate.rate.effectiveFrom),
      rateSource: estimate.rate.source,
      priceSource: price.priceSource,
      snapshot: price.snapshot,
    }),
  };
}
