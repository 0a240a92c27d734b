import { createReadStream, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Attachment } from 'botbuilder';
import { assertCan } from '../../domain/identity/actor.js';
import type { Logger } from '../../logging.js';
import { parseAccessRecordsCsv, type AccessRecord } from './accessRecords.js';
import {
  AttachmentDownloadError,
  AttachmentDownloader,
  DEFAULT_DOWNLOAD_TIMEOUTS,
} from '../../attachments/attachmentDownloader.js';
import {
  RECON_CUSTOMER_VERB,
  RECON_PAGE_VERB,
  RECON_REPORT_CARD,
  RECON_ROWS_VERB,
  RECON_SUMMARY_CARD,
  reconCustomerCard,
  reconSummaryCard,
  type ReconCardSource,
} from './reconCards.js';
import { OpenReconReports, type OpenReconReport } from './openReconReports.js';
import type { Actor } from '../../domain/identity/actor.js';
import type { SubmitData } from '../../bot/turnScope.js';
import { DAILY_RATED_USAGE_COLUMNS } from './reconColumns.js';
import { ReconHeaderError, type ReconFileProblem } from './reconImporter.js';
import { reconcileDailyRatedUsage } from './reconcile.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from './syntheticRecon.js';
import { generateSyntheticReconFiles } from './syntheticReconFiles.js';
import type { PriceService } from '../../priceData/priceService.js';
import type { Translator } from '../../i18n/translator.js';
import type { BotFeature } from '../../bot/feature.js';
import type { TurnScope } from '../../bot/turnScope.js';

/**
 * Teams delivers a file a user attached in a personal chat (manifest `supportsFiles: true`) as this
 * attachment: `name` is the file name, `content` has `downloadUrl` (pre-authenticated, short-lived,
 * https), `fileType` ("csv") and `uniqueId`.
 */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const SAMPLE_WORDS = /\b(sample|demo)\b|샘플|예시/i;
/** Customer cards after the summary; more would flood the chat (the summary pages through all). */
const MAX_CARDS = 5;
/** Default size cap when none is configured (ATTACHMENT_MAX_BYTES). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 100 * 1024 * 1024;
/** Expected columns named in the "not a daily rated usage file" answer. */
const COLUMNS_NAMED = 5;

interface TeamsFileDownloadInfo {
  downloadUrl?: unknown;
  fileType?: unknown;
}

interface AttachedFile {
  name: string;
  url: string;
  fileType: string;
  csv: boolean;
}

/** The first file Teams attached (file download info), CSV or not. */
export function attachedFile(attachments: readonly Attachment[] | undefined): AttachedFile | undefined {
  for (const attachment of attachments ?? []) {
    if (attachment.contentType !== TEAMS_FILE_DOWNLOAD_INFO) continue;
    const content = (attachment.content ?? {}) as TeamsFileDownloadInfo;
    const url = typeof content.downloadUrl === 'string' ? content.downloadUrl : '';
    if (!url) continue;
    const name = attachment.name?.trim() || 'usage.csv';
    const fileType = typeof content.fileType === 'string' ? content.fileType.trim().toLowerCase() : '';
    const csv = fileType === 'csv' || (!fileType && /\.csv$/i.test(name));
    return { name, url, fileType: fileType || (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '?'), csv };
  }
  return undefined;
}

function limitText(t: Translator, bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1
    ? t.t('recon.limit.megabytes', { size: t.number(mib, 1) })
    : t.t('recon.limit.bytes', { size: bytes });
}

function foundText(
  t: Translator,
  problem: ReconFileProblem | { kind: 'fileType'; fileType: string },
): string {
  switch (problem.kind) {
    case 'empty':
      return t.t('recon.found.empty');
    case 'binary':
      return t.t('recon.found.binary');
    case 'broken':
      return t.t('recon.found.broken', { line: problem.line });
    case 'fileType':
      return t.t('recon.found.fileType', { fileType: problem.fileType.toUpperCase() });
    case 'columns': {
      const shown = problem.found
        .slice(0, COLUMNS_NAMED)
        .map((cell) => (cell.length > 40 ? `${cell.slice(0, 39)}…` : cell));
      return t.t('recon.found.columns', {
        count: problem.found.length,
        columns: `${shown.join(', ')}${problem.found.length > COLUMNS_NAMED ? ', …' : ''}`,
      });
    }
  }
}

/** Who may page an open report: the user who uploaded it, in their partner tenant. */
function ownerOf(actor: Actor): string {
  return `${actor.partner.tenantId}/${actor.user.aadObjectId}`;
}

/** A page offset from card data (anything else is the first page; pageOf clamps it to the list). */
function offsetOf(data: SubmitData): number {
  return typeof data.offset === 'number' && Number.isFinite(data.offset) ? data.offset : 0;
}

/**
 * `recon`: reconciles a daily rated usage file (attached in Teams) and shows a summary across
 * customers (paged, each line opening that customer's card), then the first customers' report
 * cards: PEC earned, PEC lost and where, and their rows to check (paged). `recon sample` runs
 * the same on a SYNTHETIC file made from the price snapshot, with seeded access gaps, so a partner
 * can see what the report shows. The file's contents never go to the logs: only counts and reasons.
 */
export function reconFeature(
  prices: PriceService,
  logger: Logger,
  downloader: AttachmentDownloader = new AttachmentDownloader({
    maxBytes: DEFAULT_ATTACHMENT_MAX_BYTES,
    ...DEFAULT_DOWNLOAD_TIMEOUTS,
  }),
  reports: OpenReconReports = new OpenReconReports(),
): BotFeature {
  async function notUsageFile(
    scope: TurnScope,
    fileName: string,
    problem: ReconFileProblem | { kind: 'fileType'; fileType: string },
  ): Promise<void> {
    logger.info({ activityId: scope.context.activity.id, problem: problem.kind }, 'recon: not a usage file');
    await scope.reply.text('recon.notUsageFile', {
      file: fileName,
      expected: `${DAILY_RATED_USAGE_COLUMNS.slice(0, COLUMNS_NAMED).join(', ')}, …`,
      expectedCount: DAILY_RATED_USAGE_COLUMNS.length,
      found: foundText(scope.t, problem),
    });
  }

  async function downloadProblem(scope: TurnScope, fileName: string, error: AttachmentDownloadError) {
    // Never the URL: Teams download URLs carry a token.
    logger.warn({ activityId: scope.context.activity.id, reason: error.reason }, 'recon: download failed');
    await scope.reply.text(`recon.download.${error.reason}`, {
      file: fileName,
      status: error.limit,
      limit:
        error.reason === 'tooLarge'
          ? limitText(scope.t, error.limit ?? downloader.policy.maxBytes)
          : undefined,
    });
  }

  async function report(
    scope: TurnScope,
    usage: Readable,
    access: readonly AccessRecord[],
    fileName: string,
    synthetic: boolean,
  ) {
    let result;
    try {
      result = await reconcileDailyRatedUsage(usage, access);
    } catch (error) {
      if (error instanceof AttachmentDownloadError) return downloadProblem(scope, fileName, error);
      if (error instanceof ReconHeaderError) return notUsageFile(scope, fileName, error.problem);
      throw error;
    }
    const imported = result.import;
    logger.info(
      {
        activityId: scope.context.activity.id,
        customers: result.customers.length,
        rowsRead: imported?.rowsRead,
        badRows: imported?.badRows,
        synthetic,
      },
      'recon: report',
    );
    if (result.customers.length === 0) {
      if (!imported || imported.rowsRead === 0) await scope.reply.text('recon.noRows', { file: fileName });
      else
        await scope.reply.text('recon.noValidRows', {
          file: fileName,
          count: imported.rowsRead,
          line: imported.errors[0]?.line ?? 2,
        });
      return;
    }
    // The report stays open (in memory, bounded) so its cards can page; the cards carry its id.
    const reportId = reports.open(ownerOf(scope.actor), result, fileName, synthetic);
    const source: ReconCardSource = { fileName, synthetic, cardsShown: MAX_CARDS, reportId };
    await scope.reply.card(RECON_SUMMARY_CARD, reconSummaryCard(scope.t, result, source));
    for (const customer of result.customers.slice(0, MAX_CARDS))
      await scope.reply.card(RECON_REPORT_CARD, reconCustomerCard(scope.t, customer, source));
  }

  /** The open report a paging button names, or "no longer open" (expired, restarted, not yours). */
  async function openReport(scope: TurnScope, data: SubmitData): Promise<OpenReconReport | undefined> {
    const open = reports.get(data.reportId, ownerOf(scope.actor));
    if (!open) await scope.reply.text('recon.page.expired');
    return open;
  }

  function sourceOf(open: OpenReconReport, offset: number): ReconCardSource {
    const { fileName, synthetic, id } = open;
    return { fileName, synthetic, cardsShown: MAX_CARDS, reportId: id, offset };
  }

  /** The customer a button names, in the open report (or said to be missing). */
  async function customerOf(scope: TurnScope, open: OpenReconReport, data: SubmitData) {
    const customer = open.report.customers.find((c) => c.customerId === data.customerId);
    if (!customer) await scope.reply.text('recon.page.noCustomer', { file: open.fileName });
    return customer;
  }

  async function fromAttachment(scope: TurnScope, file: AttachedFile): Promise<void> {
    if (!file.csv) {
      await notUsageFile(scope, file.name, { kind: 'fileType', fileType: file.fileType });
      return;
    }
    let body: Readable;
    try {
      // A link that is not https is refused before "Reading…" is said.
      downloader.check(file.url);
      await scope.reply.text('knowledge.recon.working', { file: file.name });
      body = await downloader.open(file.url);
    } catch (error) {
      if (error instanceof AttachmentDownloadError) return downloadProblem(scope, file.name, error);
      throw error;
    }
    // No access records come with an uploaded file: the report shows what PEC was earned and lost.
    await report(scope, body, [], file.name, false);
  }

  async function sample(scope: TurnScope): Promise<void> {
    const folder = prices.snapshotInfo()?.location;
    const csv = folder ? smallestCsv(folder) : undefined;
    if (!csv) {
      await scope.reply.text('knowledge.recon.noSnapshot');
      return;
    }
    const directory = await mkdtemp(join(tmpdir(), 'recon-sample-'));
    try {
      const files = await generateSyntheticReconFiles(csv, directory, DEFAULT_SYNTHETIC_OPTIONS);
      const access = parseAccessRecordsCsv(await readFile(files.accessFile, 'utf8'));
      await report(scope, createReadStream(files.usageFile), access, 'daily-rated-usage-SYNTHETIC.csv', true);
    } finally {
      await rm(directory, { recursive: true, force: true }).catch((error: unknown) =>
        logger.warn({ err: error }, 'temp folder left'),
      );
    }
  }

  return {
    submits: {
      // "Previous"/"Next" on the summary: the same report's customers, the card turned in place.
      [RECON_PAGE_VERB]: async (scope, data) => {
        const open = await openReport(scope, data);
        if (!open) return;
        const card = reconSummaryCard(scope.t, open.report, sourceOf(open, offsetOf(data)));
        await scope.reply.replaceCard(scope.context.activity.replyToId, RECON_SUMMARY_CARD, card);
      },
      // A customer line of the summary: that customer's card, as a new message.
      [RECON_CUSTOMER_VERB]: async (scope, data) => {
        const open = await openReport(scope, data);
        const customer = open && (await customerOf(scope, open, data));
        if (!open || !customer) return;
        await scope.reply.card(RECON_REPORT_CARD, reconCustomerCard(scope.t, customer, sourceOf(open, 0)));
      },
      // "Previous"/"Next" over a customer's rows to check: the card turned in place.
      [RECON_ROWS_VERB]: async (scope, data) => {
        const open = await openReport(scope, data);
        const customer = open && (await customerOf(scope, open, data));
        if (!open || !customer) return;
        const card = reconCustomerCard(scope.t, customer, sourceOf(open, offsetOf(data)));
        await scope.reply.replaceCard(scope.context.activity.replyToId, RECON_REPORT_CARD, card);
      },
    },
    commands: {
      recon: async (scope, argument) => {
        const file = attachedFile(scope.context.activity.attachments);
        if (file) return fromAttachment(scope, file);
        if (SAMPLE_WORDS.test(argument)) return sample(scope);
        await scope.reply.text('knowledge.recon.how');
      },
    },
    fallbacks: [
      // A CSV dropped into the chat without a word is most likely a recon file.
      async (scope) => {
        const file = attachedFile(scope.context.activity.attachments);
        if (!file?.csv) return false;
        // A recon file is the customer's billing data: refuse (naming the roles), don't ignore it.
        assertCan(scope.actor, 'billing.view');
        await fromAttachment(scope, file);
        return true;
      },
    ],
  };
}

/** The smallest price CSV of the snapshot folder, plain or gzip (`.csv.gz`, as shipped in reference/). */
function smallestCsv(folder: string): string | undefined {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.csv') || name.endsWith('.csv.gz'))
    .map((name) => join(folder, name))
    .sort((a, b) => statSync(a).size - statSync(b).size);
  return files[0];
}
