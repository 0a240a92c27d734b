import { join } from 'node:path';
import { ShowTypingMiddleware } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { AssistantAdapter } from './bot/assistantAdapter.js';
import { createBotAuthentication } from './bot/auth/botAuthentication.js';
import { describeError } from './bot/errorMessages.js';
import { createBot, type BotFeature } from './bot/createBot.js';
import { DedupeMiddleware } from './bot/middleware/dedupe.js';
import { createServer, type RunningServer } from './bot/server.js';
import { customerFeature } from './features/customers/customerCommands.js';
import { CardRenderer, defaultCardDirectories } from './cards/cardRenderer.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { CustomerDirectory } from './domain/services/customerDirectory.js';
import { AttestationService } from './domain/services/attestationService.js';
import { attestFeature } from './features/attest/attestFeature.js';
import { purchaseFeature } from './features/purchase/purchaseFeature.js';
import { PurchaseService } from './domain/services/purchaseService.js';
import { SubscriptionService } from './domain/services/subscriptionService.js';
import { subscriptionFeature } from './features/subscriptions/subscriptionCommands.js';
import { TransitionNotifier } from './features/transition/transitionNotifier.js';
import { TransitionWatchStore } from './features/transition/transitionWatches.js';
import { transitionFeature } from './features/transition/transitionFeature.js';
import { TransitionService } from './domain/services/transitionService.js';
import { billingFeature } from './features/billing/billingCommands.js';
import { availabilityFeature } from './features/availability/availabilityFeature.js';
import { pecFeature } from './features/pec/pecFeature.js';
import { offersFeature } from './features/offers/offersFeature.js';
import { coreFeature } from './features/core/coreFeature.js';
import { reconFeature } from './features/recon/reconCommands.js';
import { AttachmentDownloader } from './attachments/attachmentDownloader.js';
import { loadMarketTable } from './features/availability/availabilityAnswer.js';
import { MarketCsvSource } from './priceData/marketCsvSource.js';
import type { MarketTable } from './domain/markets/marketTable.js';
import { resolveLocale } from './i18n/locale.js';
import { Translator } from './i18n/translator.js';
import type { Logger } from './logging.js';
import { FileStorage } from './storage/fileStorage.js';
import { StateRetention } from './storage/stateRetention.js';
import { priceFeature } from './features/prices/priceCommands.js';
import { resolvePricePaths } from './priceData/pricePaths.js';
import { PriceService } from './priceData/priceService.js';
import { openBackend } from './partnerCenter/backend.js';
import {
  createPartnerCenterTokens,
  type PartnerCenterSignIn,
} from './partnerCenter/auth/createPartnerCenterTokens.js';
import { signInFeature } from './features/signin/signInFeature.js';
import { botTokenServiceClient } from './partnerCenter/auth/botTokenService.js';

/** Parts tests replace (the composition root builds the production ones from the config). */
export interface AppOverrides {
  /** Downloads of file attachments; tests pass one that trusts their loopback https server's CA. */
  attachmentDownloader?: AttachmentDownloader;
  /** Partner Center tokens and sign-in; tests pass MSAL against their fake Entra and token service. */
  partnerCenterSignIn?: PartnerCenterSignIn;
}

export interface RunningApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Composition root: config → stores → domain services → features (dialogs, handlers) → bot →
 * adapter → server. index.ts calls it with the process environment; e2e tests call it in-process.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  const cards = new CardRenderer(defaultCardDirectories());
  const storage = new FileStorage(join(config.DATA_DIR, 'state'));
  // Temp files a crash left behind are never read; clear them before serving.
  await storage.removeTempFiles();
  // Idle conversations' state is expired in the background (file times are wall-clock times).
  const retention = new StateRetention({
    storage,
    retentionDays: config.STATE_RETENTION_DAYS,
    clock: systemClock,
    logger,
  });
  retention.start();
  const backend = await openBackend(config, logger, clock);

  const prices = new PriceService({
    paths: resolvePricePaths({
      PRICE_DATA_DIR: config.PRICE_DATA_DIR,
      FINOPS_DATA_DIR: config.FINOPS_DATA_DIR,
      FX_RATES_FILE: config.FX_RATES_FILE,
      PRICE_CACHE_DIR: config.PRICE_CACHE_DIR,
      DATA_DIR: config.DATA_DIR,
    }),
    clock,
    logger,
  });
  prices.load();

  const { auth, inbound } = createBotAuthentication(config);
  const signIn =
    overrides.partnerCenterSignIn ?? (await createPartnerCenterTokens(config, { logger, botAuth: auth }));

  const directory = new CustomerDirectory(backend.partnerCenter);
  const watches = new TransitionWatchStore(storage);
  const attest = attestFeature(new AttestationService(backend.services), directory, cards, clock);
  // Each feature registers itself through BotFeature (src/bot/feature.ts); order matters only for
  // free-text fallbacks (availability before billing).
  const features: BotFeature[] = [
    coreFeature({ authHealth: signIn.tokens }),
    signInFeature({
      mode: signIn.mode,
      connectionName: config.OAUTH_CONNECTION_NAME,
      forgetUser: (user) => signIn.forgetUser(user),
      logger,
      tokenClient: () => botTokenServiceClient(auth, config.MicrosoftAppId ?? ''),
    }),
    customerFeature(directory),
    priceFeature(prices, cards),
    attest.feature,
    purchaseFeature(new PurchaseService(backend.services), directory, attest.dialog, cards, clock),
    subscriptionFeature(new SubscriptionService(backend.services), directory),
    transitionFeature(
      new TransitionService(backend.services),
      directory,
      backend.partnerCenter,
      watches,
      cards,
      clock,
    ),
    availabilityFeature(await loadMarkets(config, logger), clock),
    billingFeature(clock),
    pecFeature(prices, clock),
    offersFeature(),
    reconFeature(
      prices,
      logger,
      overrides.attachmentDownloader ??
        new AttachmentDownloader({
          maxBytes: config.ATTACHMENT_MAX_BYTES,
          connectTimeoutMs: config.ATTACHMENT_TIMEOUT_MS,
          readTimeoutMs: config.ATTACHMENT_TIMEOUT_MS,
        }),
    ),
  ];
  const { bot } = createBot({ storage, directory: backend.partnerCenter, cards, logger, features });

  const adapter = new AssistantAdapter(auth);
  adapter.use(new DedupeMiddleware());
  adapter.use(new ShowTypingMiddleware(1000, 2000));
  adapter.onTurnError = async (context, error) => {
    const correlationId = Math.random().toString(36).slice(2, 10);
    logger.error(
      {
        err: error,
        correlationId,
        activityId: context.activity.id,
        conversationId: context.activity.conversation?.id,
      },
      'turn failed',
    );
    const t = new Translator(resolveLocale(context.activity.locale));
    try {
      // A refusal that escaped the bot's own handling is still a refusal, not "something went wrong".
      await context.sendActivity(describeError(t, error) ?? t.t('core.error.generic', { correlationId }));
    } catch (sendError) {
      logger.warn({ err: sendError, correlationId }, 'could not tell the user about the failure');
    }
  };

  // Transition progress and completion go to the conversation that started it (also after a restart).
  const notifier = new TransitionNotifier(
    adapter,
    config.MicrosoftAppId ?? '',
    watches,
    backend.partnerCenter,
    cards,
    logger,
    clock,
  );
  backend.upgradeEvents.subscribe((event) => notifier.onEvent(event));
  backend.start();

  const running: RunningServer = createServer({
    adapter,
    bot,
    logger,
    inbound,
    health: async () => ({
      version: config.version,
      backend: config.BACKEND,
      store: await backend.health(),
      prices: prices.snapshotInfo()
        ? { rows: prices.snapshotInfo()?.rowCount, takenAt: prices.snapshotInfo()?.takenAt }
        : null,
    }),
  });
  await new Promise<void>((resolve) => running.server.listen(config.PORT, config.HOST, () => resolve()));
  const port = (running.server.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}`;
  logger.info(
    { url: `${url}/api/messages`, backend: config.BACKEND, auth: config.authEnabled },
    'bot listening',
  );

  return {
    url,
    port,
    async close() {
      // Stop taking requests and let in-flight turns finish, then stop the worker and flush stores.
      await running.close();
      await backend.close();
      await signIn.close();
      await retention.stop();
      await storage.flush();
    },
  };
}

/** The CSP market table (shipped in reference/, or MARKET_TABLE_FILE); without it availability answers say so instead of failing. */
async function loadMarkets(config: Config, logger: Logger): Promise<MarketTable | undefined> {
  try {
    return await loadMarketTable(new MarketCsvSource(config.MARKET_TABLE_FILE));
  } catch (error) {
    logger.warn({ err: error }, 'CSP market table not loaded: availability answers are off');
    return undefined;
  }
}
