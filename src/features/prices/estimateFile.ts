import type { Attachment, FileConsentCardResponse, TurnContext } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import { resolveLocale } from '../../i18n/locale.js';
import { Translator } from '../../i18n/translator.js';

/**
 * The estimate CSV as a Teams file. A bot in a personal chat can only send a file through a file
 * consent card (manifest `supportsFiles: true`): the user accepts, Teams answers with an upload URL
 * in the user's OneDrive, the bot PUTs the bytes there and then posts a file info card. Inline
 * `data:` URLs or base64 file attachments are not shown by Teams for files.
 */
export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';
const CONTEXT_KIND = 'price-estimate-csv';

/** What the consent card carries back on accept (the CSV itself: an estimate is a few hundred bytes). */
interface EstimateFileContext {
  readonly kind: typeof CONTEXT_KIND;
  readonly name: string;
  readonly csv: string;
}

export function estimateFileConsentCard(csv: string, t: Translator): Attachment {
  const name = t.t('prices.estimate.csvName');
  const acceptContext: EstimateFileContext = { kind: CONTEXT_KIND, name, csv };
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name,
    content: {
      description: t.t('prices.estimate.csvDescription'),
      sizeInBytes: Buffer.byteLength(csv, 'utf8'),
      acceptContext,
      declineContext: { kind: CONTEXT_KIND, name },
    },
  };
}

function isEstimateContext(value: unknown): value is EstimateFileContext {
  const v = value as Partial<EstimateFileContext> | null;
  return typeof v === 'object' && v !== null && v.kind === CONTEXT_KIND && typeof v.csv === 'string';
}

/** Uploads a file to the URL Teams gave (one PUT with Content-Range), as the Teams file sample does. */
export type FileUploader = (url: string, body: Buffer) => Promise<void>;

export const putUpload: FileUploader = async (url, body) => {
  const response = await fetch(url, {
    method: 'PUT',
    headers: {
      'Content-Length': String(body.length),
      'Content-Range': `bytes 0-${body.length - 1}/${body.length}`,
    },
    body: new Uint8Array(body),
  });
  if (!response.ok) throw new Error(`upload answered ${response.status}`);
};

/** Handles the user's answer to an estimate's file consent card; false when it is not ours. */
export class EstimateFileConsent {
  constructor(
    private readonly upload: FileUploader = putUpload,
    private readonly log: { warn(object: object, message?: string): void } = { warn: () => undefined },
  ) {}

  async accept(context: TurnContext, response: FileConsentCardResponse): Promise<boolean> {
    if (!isEstimateContext(response.context)) return false;
    const t = new Translator(resolveLocale(context.activity.locale));
    const info = response.uploadInfo;
    if (typeof info?.uploadUrl !== 'string' || !/^https?:\/\//.test(info.uploadUrl)) return false;
    try {
      await this.upload(info.uploadUrl, Buffer.from(response.context.csv, 'utf8'));
    } catch (error) {
      this.log.warn({ err: error }, 'estimate CSV upload failed');
      await context.sendActivity(MessageFactory.text(t.t('prices.estimate.csvFailed')));
      return true;
    }
    const card: Attachment = {
      contentType: FILE_INFO_CONTENT_TYPE,
      contentUrl: info.contentUrl,
      name: info.name ?? response.context.name,
      content: { uniqueId: info.uniqueId, fileType: info.fileType ?? 'csv' },
    };
    await context.sendActivity({
      ...MessageFactory.text(t.t('prices.estimate.csvSent')),
      attachments: [card],
    });
    return true;
  }

  async decline(context: TurnContext, response: FileConsentCardResponse): Promise<boolean> {
    const declined = response.context as { kind?: string } | undefined;
    if (declined?.kind !== CONTEXT_KIND) return false;
    const t = new Translator(resolveLocale(context.activity.locale));
    await context.sendActivity(MessageFactory.text(t.t('prices.estimate.csvDeclined')));
    return true;
  }
}
