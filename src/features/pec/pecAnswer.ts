import type { Decimal } from 'decimal.js';
import type { Translator } from '../../i18n/translator.js';
import { meterPecEligibility, type MeterPecFacts } from '../../domain/pec/meterEligibility.js';
import { mergePecAccess, parsePecAccessQuestion, type PecAccessQuestion } from '../../domain/pec/pecQuestion.js';
import { pecNextStep } from '../../domain/pec/pecNextStep.js';
import { PecEstimator, type PecEstimate, type PecExcludedUsage } from '../../domain/pec/pecEstimate.js';
import type { PartnerType } from '../../domain/pec/pecEligibility.js';
import {
  pecAskDaysCard,
  pecAskRoleCard,
  pecEstimateCard,
  pecExcludedUsageCard,
  PEC_ASK_CARD,
  PEC_ESTIMATE_CARD,
  type PecAskCardData,
  type PecAskContext,
  type PecEstimateCardData,
} from './pecCards.js';

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
  /** Usage that never earns PEC, answered without a price (nothing priced applies to it). */
  | { kind: 'noPec'; card: typeof PEC_ESTIMATE_CARD; data: PecEstimateCardData; verdict: PecExcludedUsage }
  /**
   * Ask for the missing part with a card of choices (`text` is its question); keep `access` in the
   * dialog state and pass it back as `previous`.
   */
  | {
      kind: 'ask';
      missing: 'role' | 'days';
      text: string;
      card: typeof PEC_ASK_CARD;
      data: PecAskCardData;
      access: PecAccessQuestion;
    }
  /** Nothing to price and nothing that decides the answer without a price. */
  | { kind: 'needPrice' };

export interface PecAnswerOptions {
  today: Date;
  /** 'YYYY-MM'; defaults to the month of `today`. */
  month?: string;
  partnerType?: PartnerType;
  /** What earlier turns of the dialog already told (role, days, scope). */
  previous?: PecAccessQuestion;
  /** Ties the answer buttons of an ask card to the dialog; a fixed id when not given (tests). */
  ask?: PecAskContext;
}

/**
 * "PEC on 730 h of D4s v5 in West Europe, Owner access for 20 days": reads the access part, asks
 * back for the role or the days when they matter, and returns the estimate card otherwise. Usage
 * that never earns PEC (named in the question, or the price row's own kind) is answered straight
 * away; `price` is undefined when the price engine found nothing.
 */
export function answerPecQuestion(
  t: Translator,
  text: string,
  price: PecPriceInput | undefined,
  options: PecAnswerOptions,
  estimator = new PecEstimator(),
): PecAnswerResult {
  const access = mergePecAccess(options.previous ?? {}, parsePecAccessQuestion(text));
  const month = options.month ?? options.today.toISOString().slice(0, 7);
  const ask = options.ask ?? { flowId: 'pec' };

  // A price row found for the size alone is pay-as-you-go: the words decide when they name a
  // never-eligible kind the row is not, and there is then no price that applies to show.
  const meterExcluded = price ? !meterPecEligibility(price.meter).eligible : false;
  const next = pecNextStep(access, month, { priced: price !== undefined, meterExcluded });
  if (next.kind === 'excludedUsage') {
    const verdict = estimator.excludedUsage({ month, usage: next.usage, role: access.role });
    const data = pecExcludedUsageCard(t, verdict, access.role);
    return { kind: 'noPec', card: PEC_ESTIMATE_CARD, data, verdict };
  }
  if (next.kind === 'needPrice' || !price) return { kind: 'needPrice' };
  if (next.kind === 'askDays') {
    const data = pecAskDaysCard(t, ask, month, next.daysInMonth, next.refusedDays);
    return { kind: 'ask', missing: 'days', text: data.title, card: PEC_ASK_CARD, data, access: next.access };
  }
  if (next.kind === 'askRole') {
    const data = pecAskRoleCard(t, ask);
    return { kind: 'ask', missing: 'role', text: data.title, card: PEC_ASK_CARD, data, access: next.access };
  }
  const period = next.period;
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
