import { createReadStream, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Attachment } from 'botbuilder';
import { assertCan } from '../../domain/identity/actor.js';
import type { Logger } from '../../logging.js';
import { parseAccessRecordsCsv, type AccessRecord } from '../../recon/accessRecords.js';
import { RECON_REPORT_CARD, reconReportCards } from '../../recon/reconCards.js';
import { reconcileDailyRatedUsage } from '../../recon/reconcile.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../../recon/syntheticRecon.js';
import { generateSyntheticReconFiles } from '../../recon/syntheticReconFiles.js';
import type { PriceService } from '../../prices/priceService.js';
import type { BotFeature } from '../createBot.js';
import type { TurnScope } from '../turnScope.js';

/** Teams sends a file a user attached in a personal chat as this attachment type. */
const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
const SAMPLE_WORDS = /\b(sample|demo)\b|샘플|예시/i;
/** Customers shown per report; more would flood the chat. */
const MAX_CARDS = 5;

interface TeamsFileInfo {
  downloadUrl?: string;
}

function csvAttachment(
  attachments: readonly Attachment[] | undefined,
): { name: string; url: string } | undefined {
  for (const attachment of attachments ?? []) {
    const url = (attachment.content as TeamsFileInfo | undefined)?.downloadUrl;
    if (attachment.contentType === TEAMS_FILE && url && /\.csv$/i.test(attachment.name ?? '')) {
      return { name: attachment.name ?? 'usage.csv', url };
    }
  }
  return undefined;
}

/**
 * `recon`: reconciles a daily rated usage file (attached in Teams) and shows one report card per
 * customer: PEC earned, PEC lost and where. `recon sample` runs the same on a SYNTHETIC file made
 * from the price snapshot, with seeded access gaps, so a partner can see what the report shows.
 */
export function reconFeature(prices: PriceService, logger: Logger): BotFeature {
  async function report(
    scope: TurnScope,
    usage: Readable,
    access: readonly AccessRecord[],
    fileName: string,
    synthetic: boolean,
  ) {
    const result = await reconcileDailyRatedUsage(usage, access);
    if (result.customers.length === 0) {
      const reason = result.import?.errors[0] ? `line ${result.import.errors[0].line}` : '—';
      await scope.reply.text('knowledge.recon.empty', { file: fileName, reason });
      return;
    }
    const cards = reconReportCards(scope.t, result, { fileName, synthetic });
    for (const data of cards.slice(0, MAX_CARDS)) await scope.reply.card(RECON_REPORT_CARD, data);
  }

  async function fromAttachment(scope: TurnScope, file: { name: string; url: string }): Promise<void> {
    await scope.reply.text('knowledge.recon.working', { file: file.name });
    const response = await fetch(file.url).catch(() => undefined);
    if (!response?.ok || !response.body) {
      await scope.reply.text('knowledge.recon.download', { file: file.name });
      return;
    }
    // No access records come with an uploaded file: the report shows what PEC was earned and lost.
    await report(scope, Readable.fromWeb(response.body as WebReadableStream), [], file.name, false);
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
    commands: {
      recon: async (scope, argument) => {
        const file = csvAttachment(scope.context.activity.attachments);
        if (file) return fromAttachment(scope, file);
        if (SAMPLE_WORDS.test(argument)) return sample(scope);
        await scope.reply.text('knowledge.recon.how');
      },
    },
    fallbacks: [
      // A CSV dropped into the chat without a word is most likely a recon file.
      async (scope) => {
        const file = csvAttachment(scope.context.activity.attachments);
        if (!file) return false;
        // A recon file is the customer's billing data: refuse (naming the roles), don't ignore it.
        assertCan(scope.actor, 'billing.view');
        await fromAttachment(scope, file);
        return true;
      },
    ],
  };
}

function smallestCsv(folder: string): string | undefined {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.csv'))
    .map((name) => join(folder, name))
    .sort((a, b) => statSync(a).size - statSync(b).size);
  return files[0];
}
