import { join } from 'node:path';
import { ShowTypingMiddleware, type Storage } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { AssistantAdapter } from './bot/assistantAdapter.js';
import { createBotAuthentication } from './bot/auth/botAuthentication.js';
import { describeError } from './bot/errorMessages.js';
import { createBot, type BotFeature } from './bot/createBot.js';
import { DedupeMiddleware } from './bot/middleware/dedupe.js';
import { createServer, type RunningServer } from './bot/server.js';
import { isConversationReferenceKey } from './bot/conversationReferences.js';
import { customerFeature } from './features/customers/customerCommands.js';
import { CardRenderer, defaultCardDirectories } from './cards/cardRenderer.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { CustomerDirectory } from './domain/services/customerDirectory.js';
import { AttestationService } from './domain/services/attestationService.js';
import { attestFeature } from './features/attest/attestFeature.js';
import { AttestationNotifier } from './features/attest/attestationNotifier.js';
import { AttestationWatchStore } from './features/attest/attestationWatches.js';
import { EnhancedAttestationService } from './domain/services/enhancedAttestationService.js';
import { McaStateIndex } from './domain/services/mcaStateIndex.js';
import {
  acceptanceLink,
  createAcceptancePage,
  DEFAULT_ACCEPTANCE_PATH,
} from './partnerCenter/emulator/acceptancePage.js';
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
import { LogStorage } from './storage/logStorage.js';
import { openRecordStores } from './storage/openRecordStores.js';
import { CallScope } from './partnerCenter/callContext.js';
import { CallScopeMiddleware } from './bot/middleware/callScopeMiddleware.js';
import { StateRetention } from './storage/stateRetention.js';
import { priceFeature } from './features/prices/priceCommands.js';
import { resolvePricePaths } from './priceData/pricePaths.js';
import { PriceService } from './priceData/priceService.js';
import { priceHealth } from './priceData/priceHealth.js';
import { PriceSheetImporter } from './priceData/priceSheet/priceSheetImporter.js';
import { SnapshotWatcher } from './priceData/snapshotWatcher.js';
import { PriceWatchNotifier } from './features/prices/priceWatchNotifier.js';
import { PriceWatchStore } from './features/prices/priceWatchStore.js';
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
  // The bot's own records (request ids, audit, state, leases): files under DATA_DIR or Azure Blob.
  // Bot state as an append-only log (logStorage.ts): a dialog turn's saves are appends that share
  // one fdatasync with the turns running at once. A conversation reference is rewritten by the
  // conversation's next turn if lost: it does not wait for the disk.
  const fileStorage =
    config.STORAGE === 'file'
      ? new LogStorage(join(config.DATA_DIR, 'state'), {
          durable: (key) => !isConversationReferenceKey(key),
          onBackgroundError: (err) => logger.warn({ err }, 'state log compaction failed'),
        })
      : undefined;
  // Reads the log (cutting off a record a killed process did not finish) before serving.
  await fileStorage?.open();
  const records = await openRecordStores(config, {
    clock,
    logger,
    ...(fileStorage ? { fileState: fileStorage } : {}),
  });
  records.start();
  const storage: Storage = records.state;
  // Idle conversations' state is expired in the background (write times are wall-clock times).
  const retention = fileStorage
    ? new StateRetention({
        storage: fileStorage,
        retentionDays: config.STATE_RETENTION_DAYS,
        clock: systemClock,
        logger,
      })
    : undefined;
  retention?.start();

  const { auth, inbound } = createBotAuthentication(config);
  const signIn =
    overrides.partnerCenterSignIn ?? (await createPartnerCenterTokens(config, { logger, botAuth: auth }));
  // Every Partner Center call of a turn carries its correlation id, locale, user and request id.
  const callScope = new CallScope();
  const backend = await openBackend(config, logger, clock, {
    callScope,
    records,
    upgradeWatches: records.upgradeWatches,
    upgradeWatchesShared: records.kind === 'blob',
    tokens: signIn.tokens,
    ...(signIn.issuer ? { localIssuer: signIn.issuer } : {}),
  });

  const priceEnv = {
    PRICE_DATA_DIR: config.PRICE_DATA_DIR,
    FINOPS_DATA_DIR: config.FINOPS_DATA_DIR,
    FX_RATES_FILE: config.FX_RATES_FILE,
    PRICE_CACHE_DIR: config.PRICE_CACHE_DIR,
    DATA_DIR: config.DATA_DIR,
  };
  const prices = new PriceService({
    paths: resolvePricePaths(priceEnv),
    clock,
    logger,
    maxAgeDays: config.PRICE_SNAPSHOT_MAX_AGE_DAYS,
  });
  prices.load();
  // `npm run prices:fetch` replaces the snapshot; the running bot swaps it in (or refuses a bad one).
  const snapshotWatcher = new SnapshotWatcher({
    target: prices,
    snapshotDir: () => resolvePricePaths(priceEnv).snapshotDir,
    logger,
    intervalMs: config.PRICE_SNAPSHOT_POLL_SECONDS * 1000,
  });
  snapshotWatcher.start();

  const priceWatches = new PriceWatchStore(storage);
  // The partner's own price sheet, once imported, answers first (also after a restart).
  const sheetImporter = new PriceSheetImporter(
    prices,
    backend.partnerCenter,
    clock,
    join(config.DATA_DIR, 'partner-price-sheet'),
  );
  await sheetImporter.restore();
  // Every customer's MCA state and upgrade, built in the background (the MCA board, the customers list).
  const mcaIndex = new McaStateIndex({
    partnerCenter: backend.partnerCenter,
    attestations: backend.attestations,
    clock,
    ttlMs: config.MCA_INDEX_TTL_MINUTES * 60_000,
    concurrency: config.MCA_INDEX_CONCURRENCY,
  });
  const directory = new CustomerDirectory(backend.partnerCenter, {
    clock,
    stateTtlMs: config.CUSTOMER_STATE_TTL_MS,
    indexTtlMs: config.CUSTOMER_INDEX_TTL_MS,
    mcaIndex,
  });
  const watches = new TransitionWatchStore(storage);
  const attestationWatches = new AttestationWatchStore(storage);
  // Where signatories open the acceptance component: this bot's own local page with the embedded
  // sandbox (its address is known once the server listens), else the API's URL.
  const acceptance = { base: '' };
  const attest = attestFeature({
    history: new AttestationService(backend.services),
    attestations: new EnhancedAttestationService(backend.services, backend.attestations, mcaIndex),
    directory,
    cards,
    clock,
    watches: attestationWatches,
    linkFor: (attestation) =>
      attestation.acceptanceUrl ??
      acceptanceLink(acceptance.base || 'http://localhost', attestation.linkParameters),
  });
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
    priceFeature(prices, cards, { sheetImporter, watches: priceWatches }),
    attest.feature,
    purchaseFeature(
      new PurchaseService(backend.services, records.criticalSections),
      directory,
      attest.dialog,
      cards,
      clock,
    ),
    subscriptionFeature(new SubscriptionService(backend.services), directory),
    transitionFeature(
      new TransitionService(backend.services, records.criticalSections),
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
  // One process: redelivered activities are remembered in memory; several instances share markers.
  adapter.use(records.kind === 'blob' ? records.dedupeMiddleware : new DedupeMiddleware());
  adapter.use(new CallScopeMiddleware(callScope));
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
  backend.upgradeEvents.subscribe((event) => directory.forget(event.customerId));
  // Watched prices: told once per change, after a new snapshot and hourly (a price that changes on the 1st).
  const priceWatchNotifier = new PriceWatchNotifier(
    adapter,
    config.MicrosoftAppId ?? '',
    priceWatches,
    prices,
    clock,
    logger,
  );
  prices.onSnapshotChanged(() => priceWatchNotifier.check());
  const priceWatchTimer = setInterval(() => void priceWatchNotifier.check(), 3_600_000);
  priceWatchTimer.unref();
  void priceWatchNotifier.check();
  // "Fabrikam accepted — create the agreement?" to whoever created the attestation.
  const attestationNotifier = new AttestationNotifier(
    adapter,
    config.MicrosoftAppId ?? '',
    attestationWatches,
    backend.partnerCenter,
    backend.attestations,
    cards,
    logger,
    clock,
    (customerId) => directory.forget(customerId),
  );
  backend.acceptanceComponent?.onAccepted((attestation) =>
    attestationNotifier.onAccepted(attestation).catch((error: unknown) => {
      logger.warn(
        { err: error, attestationId: attestation.attestationId },
        'could not announce the acceptance',
      );
    }),
  );
  // Several instances on shared (Blob) records: the upgrade poller runs on the leader only.
  const pollerLeader = records.kind === 'blob' ? records.leader('upgrade-poller') : undefined;
  if (pollerLeader) {
    pollerLeader.onAcquired(() => backend.start());
    pollerLeader.onLost(() => void backend.pause?.());
    pollerLeader.start();
  } else backend.start();

  const running: RunningServer = createServer({
    adapter,
    bot,
    logger,
    inbound,
    health: async () => ({
      version: config.version,
      backend: await backend.health(),
      storage: records.kind,
      prices: priceHealth(prices),
      mcaIndex: mcaIndex.progress(),
    }),
  });
  if (backend.acceptanceComponent) {
    // The local stand-in for Microsoft's acceptance component, only with the embedded sandbox.
    const page = createAcceptancePage(backend.acceptanceComponent, DEFAULT_ACCEPTANCE_PATH);
    const serve = async (req: Parameters<typeof page>[0], res: Parameters<typeof page>[1]) => {
      const finished = new Promise<void>((resolve) => res.once('finish', () => resolve()));
      if (!page(req, res)) {
        res.statusCode = 404;
        res.end();
      }
      await finished;
    };
    running.server.get(DEFAULT_ACCEPTANCE_PATH, serve);
    running.server.post(`${DEFAULT_ACCEPTANCE_PATH}/accept`, serve);
  }
  await new Promise<void>((resolve) => running.server.listen(config.PORT, config.HOST, () => resolve()));
  const port = (running.server.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}`;
  acceptance.base = `${url}${DEFAULT_ACCEPTANCE_PATH}`;
  // Acceptances that happened while the bot was down are told now; with a Partner Center in another
  // process (or the real one) the bot learns of acceptances by asking again every minute.
  void attestationNotifier.sweep();
  const acceptanceSweep = backend.acceptanceComponent
    ? undefined
    : setInterval(() => void attestationNotifier.sweep(), config.ATTESTATION_CHECK_SECONDS * 1000);
  acceptanceSweep?.unref();
  logger.info(
    { url: `${url}/api/messages`, storage: records.kind, auth: config.authEnabled },
    'bot listening',
  );

  return {
    url,
    port,
    async close() {
      // Stop taking requests and let in-flight turns finish, then stop the worker and flush stores.
      await running.close();
      mcaIndex.stop();
      snapshotWatcher.stop();
      clearInterval(priceWatchTimer);
      if (acceptanceSweep) clearInterval(acceptanceSweep);
      await priceWatchNotifier.check();
      await pollerLeader?.stop();
      await backend.close();
      await signIn.close();
      await retention?.stop();
      await records.close();
      await fileStorage?.close();
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
