import { CardFactory, MessageFactory, type CloudAdapter } from 'botbuilder';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { PartnerCenter } from '../../domain/partnerCenter/port.js';
import type { UpgradeEvent } from '../../domain/transition/upgradeEvents.js';
import { Translator } from '../../i18n/translator.js';
import type { Logger } from '../../logging.js';
import { completionText, transitionStatusCardData } from './transitionPresenter.js';
import type { TransitionWatchStore } from './transitionWatches.js';

/**
 * Turns transition events into Teams updates: the progress card is updated in place on every step,
 * and the completion is announced with a proactive message in the conversation that started it.
 * A failed completion message throws, so the worker delivers the completion again later.
 */
export class TransitionNotifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly watches: TransitionWatchStore,
    private readonly partnerCenter: Pick<
      PartnerCenter,
      'getCustomer' | 'getUpgradeStatus' | 'listSubscriptions'
    >,
    private readonly cards: CardRenderer,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  async onEvent(event: UpgradeEvent): Promise<void> {
    const watch = await this.watches.get(event.upgradeId);
    if (!watch || !watch.reference.conversation) return; // started elsewhere: nobody to tell here
    const completed = event.type === 'upgradeCompleted';
    if (completed && watch.completionSentAt) return;
    const [upgrade, customer, subscriptions] = await Promise.all([
      this.partnerCenter.getUpgradeStatus(event.customerId, event.upgradeId),
      this.partnerCenter.getCustomer(event.customerId),
      this.partnerCenter.listSubscriptions(event.customerId),
    ]);
    const names = new Map(subscriptions.map((s) => [s.id, s.friendlyName]));
    const t = new Translator(watch.locale);
    const card = CardFactory.adaptiveCard(
      this.cards.render(
        'transition-status',
        transitionStatusCardData(t, customer, upgrade, names, this.clock.now()),
      ),
    );
    await this.adapter.continueConversationAsync(this.appId, watch.reference, async (context) => {
      if (watch.cardActivityId) {
        try {
          await context.updateActivity({ ...MessageFactory.attachment(card), id: watch.cardActivityId });
        } catch (error) {
          this.logger.warn(
            { err: error, upgradeId: event.upgradeId },
            'could not update the transition card',
          );
        }
      }
      if (completed) await context.sendActivity(MessageFactory.text(completionText(t, customer, upgrade)));
    });
    if (completed) await this.watches.save({ ...watch, completionSentAt: this.clock.now().toISOString() });
  }
}
