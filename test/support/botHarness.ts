import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { CardRenderer, defaultCardDirectories } from '../../src/cards/cardRenderer.js';
import { createBot, type BotFeature } from '../../src/bot/createBot.js';
import { coreFeature } from '../../src/features/core/coreFeature.js';
import type { PartnerDirectory } from '../../src/bot/identity.js';
import { createLogger } from '../../src/logging.js';
import { PARTNER } from './fakeDirectory.js';

export const cards = new CardRenderer(defaultCardDirectories());
export const silentLogger = createLogger('silent');

export interface Sender {
  aadObjectId: string;
  name?: string;
  locale?: string;
  tenantId?: string;
}

/**
 * Drives the real AssistantBot through botbuilder's TestAdapter: `say` sends text or a card submit
 * as a Teams user and returns the bot's replies of that turn.
 */
export class BotHarness {
  readonly adapter: TestAdapter;
  private counter = 0;

  constructor(
    directory: PartnerDirectory,
    features: BotFeature[] = [],
    readonly storage: Storage = new MemoryStorage(),
    private readonly conversationId = 'conv-1',
  ) {
    // Every bot has the core feature (help, whoami, welcome, unknown), as the composition root wires it.
    const { bot } = createBot({
      storage,
      directory,
      cards,
      logger: silentLogger,
      features: [coreFeature(), ...features],
    });
    this.adapter = new TestAdapter(async (context) => bot.run(context));
    this.adapter.onTurnError = async (_context, error) => {
      throw error;
    };
  }

  async say(
    sender: Sender,
    input: string | Record<string, unknown>,
    extra: Partial<Activity> = {},
  ): Promise<Partial<Activity>[]> {
    this.counter += 1;
    const activity: Partial<Activity> = {
      type: 'message',
      id: `act-${this.counter}`,
      channelId: 'msteams',
      locale: sender.locale ?? 'en-US',
      from: { id: `29:${sender.aadObjectId}`, name: sender.name ?? 'User', aadObjectId: sender.aadObjectId },
      recipient: { id: '28:bot', name: 'Azure plan assistant' },
      conversation: {
        id: this.conversationId,
        tenantId: sender.tenantId ?? PARTNER.tenantId,
        isGroup: false,
        conversationType: 'personal',
        name: '',
      },
      ...(typeof input === 'string' ? { text: input } : { text: '', value: input }),
      ...extra,
    };
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity);
    return this.adapter.activeQueue.splice(0);
  }
}

/** All visible text of a reply: its text plus every string inside its Adaptive Card. */
export function textOf(activity: Partial<Activity>): string {
  const parts: string[] = [activity.text ?? ''];
  for (const attachment of activity.attachments ?? []) collectStrings(attachment.content, parts);
  return parts.join('\n');
}

export function cardOf(activity: Partial<Activity>): Record<string, unknown> | undefined {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    ?.content as Record<string, unknown> | undefined;
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((item) => collectStrings(item, out));
}
