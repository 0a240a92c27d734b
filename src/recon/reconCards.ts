import type { Translator } from '../i18n/translator.js';
import type { ReconReport, CustomerReconReport } from './reconReport.js';
import { dayRanges } from '../billing/cardFormat.js';

export const RECON_REPORT_CARD = 'recon-report';

export interface ReconReportCardData {
  title: string;
  subtitle: string;
  facts: Array<{ title: string; value: string }>;
  topLostTitle: string;
  topLost: Array<{ text: string }>;
  flagged: Array<{ text: string }>;
  notes: Array<{ text: string }>;
  footer: string;
}

function shortResource(uri: string): string {
  return uri.split('/').filter(Boolean).pop() ?? uri;
}

/** One card per customer: PEC earned and lost, the resources and days that lost it, and flagged rows. */
export function reconReportCards(
  t: Translator,
  report: ReconReport,
  source: { fileName: string; synthetic: boolean; topResources?: number; flaggedShown?: number },
): ReconReportCardData[] {
  const top = source.topResources ?? 5;
  const flaggedShown = source.flaggedShown ?? 5;
  const imported = report.import;
  return report.customers.map((customer: CustomerReconReport) => {
    const billing = (v: CustomerReconReport['pecLost']): string => t.money(v, customer.billingCurrency);
    const usd = (v: CustomerReconReport['pecLost']): string => t.money(v, customer.pricingCurrency);
    const flags = customer.flagCounts;
    const notes: Array<{ text: string }> = [];
    if (source.synthetic) notes.push({ text: t.t('pec.recon.synthetic') });
    if (imported && imported.badRows > 0) {
      notes.push({
        text: t.t('pec.recon.badRows', {
          count: imported.badRows,
          lines: imported.errors
            .slice(0, 5)
            .map((e) => String(e.line))
            .join(', '),
        }),
      });
    }
    return {
      title: t.t('pec.recon.title', { customer: customer.customerName }),
      subtitle: t.t('pec.recon.subtitle', { rows: t.number(customer.rows), file: source.fileName }),
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
      flagged: customer.flaggedRows.slice(0, flaggedShown).map((row) => ({
        text: t.t('pec.recon.flagged', {
          line: row.line,
          date: t.date(row.usageDate),
          resource: shortResource(row.resourceUri),
          kind: t.t(`pec.recon.flag.${row.kind}`),
        }),
      })),
      notes,
      footer: t.t('pec.recon.footer', { currency: customer.billingCurrency }),
    };
  });
}
