import { Decimal } from 'decimal.js';
import type { Translator } from '../../i18n/translator.js';
import type { ReconReport, CustomerReconReport } from './reconReport.js';
import { dayRanges } from '../shared/cardFormat.js';
import { pageOf } from '../../domain/paging/paging.js';
import { pagingCardData } from '../shared/pagingPresenter.js';
import { RECON_CUSTOMER_PAGE_SIZE, RECON_FLAGGED_PAGE_SIZE } from '../shared/pageSizes.js';

export const RECON_REPORT_CARD = 'recon-report';
export const RECON_SUMMARY_CARD = 'recon-summary';
/** "Previous"/"Next" over the customers of the summary card: `{ reportId, offset }`. */
export const RECON_PAGE_VERB = 'recon.page';
/** A customer line of the summary card: that customer's own card, `{ reportId, customerId }`. */
export const RECON_CUSTOMER_VERB = 'recon.customer';
/** "Previous"/"Next" over one customer's rows to check: `{ reportId, customerId, offset }`. */
export const RECON_ROWS_VERB = 'recon.rows';

type Pager = Array<{ title: string; data: Record<string, unknown> }>;

/** The first card of a report: totals across customers and the file-level warnings, said once. */
export interface ReconSummaryCardData {
  title: string;
  subtitle: string;
  warningsTitle: string;
  warnings: Array<{ text: string }>;
  facts: Array<{ title: string; value: string }>;
  customersTitle: string;
  /** One page of customers, most PEC lost first; each line opens that customer's card. */
  customers: Array<{ text: string; data: Record<string, unknown> }>;
  /** "11–20 of 4,812 customers". */
  count: string;
  pager: Pager;
  cardsFollow: string;
}

export interface ReconReportCardData {
  title: string;
  subtitle: string;
  facts: Array<{ title: string; value: string }>;
  topLostTitle: string;
  topLost: Array<{ text: string }>;
  flaggedTitle: string;
  /** One page of the customer's rows to check ("Previous"/"Next" keep the customer). */
  flagged: Array<{ text: string }>;
  flaggedCount: string;
  /** Said when the report kept fewer rows to check than the file has. */
  flaggedKept: string;
  pager: Pager;
  footer: string;
}

export interface ReconCardSource {
  fileName: string;
  synthetic: boolean;
  topResources?: number;
  /** Rows to check per page of a customer card. */
  flaggedShown?: number;
  /** Customers per page of the summary. */
  customersListed?: number;
  /** Customer cards that follow the summary. */
  cardsShown?: number;
  /**
   * The open report's id (openReconReports.ts): the paging buttons and customer lines carry it,
   * never the report itself. '' (a card rendered outside a chat) answers "no longer open".
   */
  reportId?: string;
  /** First item of the page: customers on the summary, rows to check on a customer card. */
  offset?: number;
}

/** Warnings about the whole file (synthetic data, unreadable rows): shown once, in the summary. */
function fileWarnings(t: Translator, report: ReconReport, synthetic: boolean): Array<{ text: string }> {
  const warnings: Array<{ text: string }> = [];
  if (synthetic) warnings.push({ text: t.t('pec.recon.synthetic') });
  const imported = report.import;
  if (imported && imported.badRows > 0) {
    warnings.push({
      text: t.t('pec.recon.badRows', {
        count: imported.badRows,
        lines: imported.errors
          .slice(0, 5)
          .map((e) => String(e.line))
          .join(', '),
      }),
    });
  }
  return warnings;
}

/** Sums per currency, in a stable order (by currency code): "€1,933.01, $12.00". */
function perCurrency(t: Translator, amounts: Array<{ currency: string; value: Decimal }>): string {
  const totals = new Map<string, Decimal>();
  for (const { currency, value } of amounts)
    totals.set(currency, (totals.get(currency) ?? new Decimal(0)).plus(value));
  if (totals.size === 0) return t.money('0', 'USD');
  return [...totals.keys()]
    .sort()
    .map((currency) => t.money(totals.get(currency)!, currency))
    .join(', ');
}

/** The summary across all customers of a report; customers in report order (most PEC lost first). */
export function reconSummaryCard(
  t: Translator,
  report: ReconReport,
  source: ReconCardSource,
): ReconSummaryCardData {
  const listed = source.customersListed ?? RECON_CUSTOMER_PAGE_SIZE;
  const reportId = source.reportId ?? '';
  const shown = Math.min(source.cardsShown ?? 5, report.customers.length);
  const customers = report.customers;
  const rows = customers.reduce((sum, c) => sum + c.rows, 0);
  const flagged = customers.reduce(
    (sum, c) => sum + Object.values(c.flagCounts).reduce((a, b) => a + b, 0),
    0,
  );
  const page = pageOf(customers, { offset: source.offset ?? 0, size: listed });
  const billing = (pick: (c: CustomerReconReport) => Decimal) =>
    perCurrency(
      t,
      customers.map((c) => ({ currency: c.billingCurrency, value: pick(c) })),
    );
  return {
    title: t.t('recon.summary.title'),
    subtitle: t.t('recon.summary.subtitle', { file: source.fileName, customers: customers.length, rows }),
    warningsTitle: t.t('recon.summary.warnings'),
    warnings: fileWarnings(t, report, source.synthetic),
    facts: [
      { title: t.t('recon.summary.fact.earned'), value: billing((c) => c.pecEarnedBilling) },
      { title: t.t('recon.summary.fact.lost'), value: billing((c) => c.pecLostBilling) },
      {
        title: t.t('recon.summary.fact.excluded'),
        value: t.number(customers.reduce((sum, c) => sum + c.excludedRows, 0)),
      },
      { title: t.t('recon.summary.fact.flagged'), value: t.number(flagged) },
    ],
    customersTitle: t.t('recon.summary.customersTitle'),
    customers: page.items.map((c) => ({
      text: t.t('recon.summary.customerLine', {
        customer: c.customerName,
        lost: t.money(c.pecLostBilling, c.billingCurrency),
        earned: t.money(c.pecEarnedBilling, c.billingCurrency),
      }),
      data: { verb: RECON_CUSTOMER_VERB, reportId, customerId: c.customerId },
    })),
    ...pagingCardData(t, page.window, 'customers', (direction) => ({
      verb: RECON_PAGE_VERB,
      reportId,
      offset: direction === 'next' ? page.window.nextOffset : page.window.previousOffset,
    })),
    cardsFollow: shown > 0 ? t.t('recon.summary.cardsFollow', { shown }) : '',
  };
}

function shortResource(uri: string): string {
  return uri.split('/').filter(Boolean).pop() ?? uri;
}

/**
 * One card per customer, in report order (see {@link reconCustomerCard}). File-level warnings are
 * on the summary card ({@link reconSummaryCard}), not here.
 */
export function reconReportCards(
  t: Translator,
  report: ReconReport,
  source: ReconCardSource,
): ReconReportCardData[] {
  return report.customers.map((customer) => reconCustomerCard(t, customer, source));
}

/**
 * A customer's card: PEC earned and lost, the resources and days that lost it, and one page of the
 * rows to check (`source.offset`), with "Previous"/"Next" that keep the report and the customer.
 */
export function reconCustomerCard(
  t: Translator,
  customer: CustomerReconReport,
  source: ReconCardSource,
): ReconReportCardData {
  const top = source.topResources ?? 5;
  const billing = (v: CustomerReconReport['pecLost']): string => t.money(v, customer.billingCurrency);
  const usd = (v: CustomerReconReport['pecLost']): string => t.money(v, customer.pricingCurrency);
  const flags = customer.flagCounts;
  const flaggedTotal = Object.values(flags).reduce((a, b) => a + b, 0);
  const rows = pageOf(customer.flaggedRows, {
    offset: source.offset ?? 0,
    size: source.flaggedShown ?? RECON_FLAGGED_PAGE_SIZE,
  });
  const paging = pagingCardData(t, rows.window, 'rows', (direction) => ({
    verb: RECON_ROWS_VERB,
    reportId: source.reportId ?? '',
    customerId: customer.customerId,
    offset: direction === 'next' ? rows.window.nextOffset : rows.window.previousOffset,
  }));
  return {
    title: t.t('pec.recon.title', { customer: customer.customerName }),
    subtitle: t.t('pec.recon.subtitle', { rows: customer.rows, file: source.fileName }),
    facts: [
      {
        title: t.t('pec.recon.fact.earned'),
        value: `${billing(customer.pecEarnedBilling)} (${usd(customer.pecEarned)})`,
      },
      {
        title: t.t('pec.recon.fact.lost'),
        value: `${billing(customer.pecLostBilling)} (${usd(customer.pecLost)})`,
      },
      { title: t.t('pec.recon.fact.excluded'), value: t.number(customer.excludedRows) },
      { title: t.t('pec.recon.fact.mismatches'), value: t.number(flags.pecMissing + flags.pecUnexpected) },
      {
        title: t.t('pec.recon.fact.priceChecks'),
        value: t.number(flags.effectivePriceMismatch + flags.totalMismatch),
      },
    ],
    topLostTitle: t.t('pec.recon.topLost'),
    topLost:
      customer.lostByResource.length === 0
        ? [{ text: t.t('pec.recon.noLoss') }]
        : customer.lostByResource.slice(0, top).map((loss) => ({
            text: t.t('pec.recon.lostLine', {
              resource: shortResource(loss.resourceUri),
              group: loss.resourceGroup,
              amount: billing(loss.lostBilling),
              days: dayRanges(t, loss.days),
            }),
          })),
    flaggedTitle: t.t('recon.card.flaggedTitle'),
    flagged: rows.items.map((row) => ({
      text: t.t('pec.recon.flagged', {
        line: row.line,
        date: t.date(row.usageDate),
        resource: shortResource(row.resourceUri),
        kind: t.t(`pec.recon.flag.${row.kind}`),
      }),
    })),
    flaggedCount: rows.window.total > 0 ? paging.count : '',
    flaggedKept:
      flaggedTotal > customer.flaggedRows.length && customer.flaggedRows.length > 0
        ? t.t('recon.card.flaggedKept', { kept: customer.flaggedRows.length, total: flaggedTotal })
        : '',
    pager: paging.pager,
    footer: t.t('pec.recon.footer', { currency: customer.billingCurrency }),
  };
}
