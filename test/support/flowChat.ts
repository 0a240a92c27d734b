import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { attestOver } from './attestSupport.js';
import { purchaseFeature } from '../../src/features/purchase/purchaseFeature.js';
import { transitionFeature } from '../../src/features/transition/transitionFeature.js';
import { knowledgeFeatures } from './knowledgeFeatures.js';
import { priceFeature } from '../../src/features/prices/priceCommands.js';
import { customerFeature } from '../../src/features/customers/customerCommands.js';
import { TransitionWatchStore } from '../../src/features/transition/transitionWatches.js';
import { fixedClock, type Clock } from '../../src/domain/clock.js';
import { CustomerDirectory } from '../../src/domain/services/customerDirectory.js';
import { PurchaseService } from '../../src/domain/services/purchaseService.js';
import { TransitionService } from '../../src/domain/services/transitionService.js';
import { loadMarketTable } from '../../src/features/availability/availabilityAnswer.js';
import { resolvePricePaths } from '../../src/priceData/pricePaths.js';
import { PriceService } from '../../src/priceData/priceService.js';
import { MemoryStorage } from 'botbuilder';
import { sandboxFixture, NOW, type SandboxFixture } from '../partnerCenter/sandbox/sandboxFixture.js';
import { BotHarness, cards, textOf } from './botHarness.js';
import { servicesOver } from './services.js';

/** A message as the user sees it now (updates applied), with the id Teams knows it by. */
export interface SeenMessage {
  id: string;
  activity: Partial<Activity>;
}

/**
 * The whole bot (attest, purchase, transition, PEC, prices, billing, customers) over a sandbox, as
 * one Teams user in one chat. Keeps every message by id with card updates applied, so a test can
 * ask what an earlier card looks like now.
 */
export class FlowChat {
  readonly messages = new Map<string, Partial<Activity>>();

  private constructor(
    readonly harness: BotHarness,
    readonly fixture: SandboxFixture,
    private readonly sender: { aadObjectId: string; tenantId: string; locale: string },
  ) {
    const recorder: Middleware = {
      onTurn: async (context: TurnContext, next: () => Promise<void>) => {
        context.onUpdateActivity(async (_context, activity, nextUpdate) => {
          await nextUpdate();
          if (activity.id) this.messages.set(activity.id, activity);
        });
        await next();
      },
    };
    harness.adapter.use(recorder);
  }

  static async start(
    aadObjectId: string,
    options: { locale?: string; clock?: Clock; prices: PriceService },
  ): Promise<FlowChat> {
    const clock = options.clock ?? fixedClock(NOW);
    const fixture = await sandboxFixture({ clock });
    const services = servicesOver(fixture.sandbox, clock);
    const directory = new CustomerDirectory(services.partnerCenter);
    const storage = new MemoryStorage();
    const attest = attestOver(fixture.sandbox, services, directory, clock, storage);
    const features = [
      customerFeature(directory),
      priceFeature(options.prices, cards),
      attest.feature,
      purchaseFeature(new PurchaseService(services), directory, attest.dialog, cards, clock),
      transitionFeature(
        new TransitionService(services),
        directory,
        services.partnerCenter,
        new TransitionWatchStore(storage),
        cards,
        clock,
      ),
      ...knowledgeFeatures(options.prices, await loadMarketTable(), clock),
    ];
    const harness = new BotHarness(fixture.sandbox.partnerCenter, features, storage);
    const partner = await fixture.sandbox.partnerCenter.getPartner();
    return new FlowChat(harness, fixture, {
      aadObjectId,
      tenantId: partner.tenantId,
      locale: options.locale ?? 'en-US',
    });
  }

  /** Sends text or a card submit (answering the card with id `replyToId`); returns this turn's replies. */
  async say(input: string | Record<string, unknown>, replyToId?: string): Promise<SeenMessage[]> {
    const replies = await this.harness.say(
      { aadObjectId: this.sender.aadObjectId, tenantId: this.sender.tenantId, locale: this.sender.locale },
      input,
      replyToId ? { replyToId } : {},
    );
    return replies.map((activity) => {
      const id = activity.id ?? `m${this.messages.size}`;
      this.messages.set(id, activity);
      return { id, activity };
    });
  }

  /** Presses the button with this title on a card (what the client would submit). */
  async press(
    card: SeenMessage,
    title: string,
    values: Record<string, unknown> = {},
  ): Promise<SeenMessage[]> {
    return this.say({ ...actionData(card, title), ...values }, card.id);
  }

  /** The message with this id as the user sees it now. */
  now(id: string): string {
    const activity = this.messages.get(id);
    if (!activity) throw new Error(`no message ${id}`);
    return textOf(activity);
  }

  async dispose(): Promise<void> {
    await this.fixture.dispose();
  }
}

export function actionData(message: SeenMessage, title: string): Record<string, unknown> {
  const card = message.activity.attachments?.[0]?.content as Record<string, unknown> | undefined;
  const actions = (card?.actions ?? []) as Array<{ title: string; data: Record<string, unknown> }>;
  const action = actions.find((a) => a.title === title);
  if (!action)
    throw new Error(`no action "${title}" on the card; actions: ${actions.map((a) => a.title).join(', ')}`);
  return action.data;
}

/** The last reply of a turn holding a card whose text contains `text`. */
export function cardWith(replies: SeenMessage[], text: string): SeenMessage {
  const found = [...replies]
    .reverse()
    .find((reply) => reply.activity.attachments?.length && textOf(reply.activity).includes(text));
  if (!found)
    throw new Error(`no card with "${text}" in:\n${replies.map((r) => textOf(r.activity)).join('\n---\n')}`);
  return found;
}

export function allText(replies: SeenMessage[]): string {
  return replies.map((reply) => textOf(reply.activity)).join('\n');
}

/** The price catalog the bot tests use (the West Europe retail fixture). */
export function fixturePrices(clock: Clock = fixedClock(NOW)): PriceService {
  const prices = new PriceService({
    paths: resolvePricePaths({
      PRICE_DATA_DIR: 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope',
    }),
    clock,
  });
  prices.load();
  return prices;
}
