import type { Decimal } from 'decimal.js';
import type { Translator } from '../i18n/translator.js';
import type { MeterPecFacts } from '../domain/pec/meterEligibility.js';
import { assessRole } from '../domain/pec/azureRoles.js';
import { parsePecAccessQuestion, type PecAccessQuestion } from '../domain/pec/pecQuestion.js';
import { PecEstimator, type AccessPeriod, type PecEstimate } from '../domain/pec/pecEstimate.js';
import type { PartnerType } from '../domain/pec/pecEligibility.js';
import { pecEstimateCard, PEC_ESTIMATE_CARD, type PecEstimateCardData } from './pecCards.js';

/** The price part of a PEC question, as the price engine answered it (USD list price of one meter). */
export interface PecPriceInput {
  unitPrice: Decimal;
  quantity: Decimal;
  unitOfMeasure: string;
  /** E.g. "D4s v5, West Europe". */
  meterLabel: string;
  /** Facts that decide excluded usage (type, meterName, skuName, productName, tags). */
  meter: MeterPecFacts;
  priceSource: string;
  /** Formatted snapshot date, e.g. "snapshot of Aug 22, 2026". */
  snapshot: string;
}

export type PecAnswerResult =
  | { kind: 'card'; card: typeof PEC_ESTIMATE_CARD; data: PecEstimateCardData; estimate: PecEstimate }
  /** Ask for the missing part; keep `access` in the dialog state and pass it back as `previous`. */
  | { kind: 'ask'; missing: 'role' | 'days'; text: string; access: PecAccessQuestion };

export interface PecAnswerOptions {
  today: Date;
  /** 'YYYY-MM'; defaults to the month of `today`. */
  month?: string;
  partnerType?: PartnerType;
  /** What earlier turns of the dialog already told (role, days, scope). */
  previous?: PecAccessQuestion;
}

/**
 * "PEC on 730 h of D4s v5 in West Europe, Owner access for 20 days": reads the access part, asks
 * back for the role or the days when they matter, and returns the estimate card otherwise.
 */
export function answerPecQuestion(
  t: Translator,
  text: string,
  price: PecPriceInput,
  options: PecAnswerOptions,
  estimator = new PecEstimator(),
): PecAnswerResult {
  const parsed = parsePecAccessQuestion(text);
  const access: PecAccessQuestion = { ...options.previous, ...parsed };
  if (!access.role) return { kind: 'ask', missing: 'role', text: t.t('pec.ask.role'), access };
  const qualifies = assessRole(access.role).qualification === 'qualifying';
  // Days matter only when the role can earn PEC; a Reader is told "no" straight away.
  if (qualifies && access.days === undefined && !access.fullMonth) {
    return { kind: 'ask', missing: 'days', text: t.t('pec.ask.days'), access };
  }
  const period: AccessPeriod =
    access.days !== undefined && !access.fullMonth
      ? { kind: 'days', days: access.days }
      : { kind: 'fullMonth' };
  const month = options.month ?? options.today.toISOString().slice(0, 7);
  const estimate = estimator.estimate({
    unitPrice: price.unitPrice,
    quantity: price.quantity,
    month,
    access: period,
    role: access.role,
    scope: access.scope,
    meter: price.meter,
    partnerType: options.partnerType,
  });
  const data = pecEstimateCard(
    t,
    estimate,
    {
      meterLabel: price.meterLabel,
      unitOfMeasure: price.unitOfMeasure,
      priceSource: price.priceSource,
      snapshot: price.snapshot,
      role: access.role,
    },
    price.quantity,
    price.unitPrice,
  );
  return { kind: 'card', card: PEC_ESTIMATE_CARD, data, estimate };
}
