import { CardFactory, MessageFactory, type CloudAdapter } from 'botbuilder';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import type { EnhancedAttestation } from '../../domain/agreements/enhancedAttestation.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../../domain/partnerCenter/port.js';
import { Translator } from '../../i18n/translator.js';
import type { Logger } from '../../logging.js';
import type { AttestationWatchStore } from './attestationWatches.js';
import { acceptedCardData } from './mcaPresenter.js';

/**
 * "Fabrikam accepted — create the agreement?": a proactive message, with one button, to whoever
 * created the attestation, in the conversation they created it in. Told once per attestation (the
 * watch records it); `sweep` looks at every open watch again, e.g. after a restart.
 */
export class AttestationNotifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly watches: AttestationWatchStore,
    private readonly partnerCenter: Pick<PartnerCenter, 'getCustomer'>,
    private readonly attestations: Pick<EnhancedAttestationPort, 'getEnhancedAttestation'>,
    private readonly cards: CardRenderer,
    private readonly logger: Logger,
    private readonly clock: Clock,
    /** Told of every acceptance seen (the customer's MCA state changed: e.g. the state index). */
    private readonly changed: (customerId: string) => void = () => undefined,
  ) {}

  async onAccepted(attestation: EnhancedAttestation): Promise<void> {
    this.changed(attestation.customerId);
    const watch = await this.watches.get(attestation.attestationId);
    if (!watch || watch.notifiedAt || !watch.reference.conversation) return;
    const customer = await this.partnerCenter.getCustomer(watch.customerId);
    const t = new Translator(watch.locale);
    const data = acceptedCardData(t, customer, attestation, watch.userId);
    const card = CardFactory.adaptiveCard(this.cards.render('result', data));
    await this.adapter.continueConversationAsync(this.appId, watch.reference, async (context) => {
      await context.sendActivity(MessageFactory.attachment(card));
    });
    await this.watches.save({ ...watch, notifiedAt: this.clock.now().toISOString() });
  }

  /** Tells every acceptance not told yet (start-up: the bot may have been down when it happened). */
  async sweep(): Promise<void> {
    for (const id of await this.watches.openIds()) {
      try {
        const attestation = await this.attestations.getEnhancedAttestation(id);
        if (attestation.status === 'accepted') await this.onAccepted(attestation);
      } catch (error) {
        this.logger.warn({ err: error, attestationId: id }, 'could not check an attestation');
      }
    }
  }
}
