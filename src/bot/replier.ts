import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { Translator, MessageParams } from '../i18n/translator.js';
import type { MessageKey } from '../i18n/messages/index.js';
import type { Logger } from '../logging.js';
import { isDomainError } from '../domain/errors.js';
import { describeError, unwrapTurnError } from './errorMessages.js';

/** Sends localized text and rendered cards for one turn; the only place replies are built. */
export class Replier {
  constructor(
    private readonly context: TurnContext,
    private readonly cards: CardRenderer,
    private readonly t: Translator,
    private readonly logger: Logger,
    /** Shows the sign-in card (signin feature) when a Partner Center call needs the user's sign-in. */
    private readonly signInPrompt?: () => Promise<void>,
  ) {}

  async text(key: MessageKey, params: MessageParams = {}): Promise<string | undefined> {
    const response = await this.context.sendActivity(MessageFactory.text(this.t.t(key, params)));
    return response?.id;
  }

  async card(name: string, data: object): Promise<string | undefined> {
    const attachment = CardFactory.adaptiveCard(this.cards.render(name, data));
    const response = await this.context.sendActivity(MessageFactory.attachment(attachment));
    return response?.id;
  }

  /**
   * Replaces a card the bot sent earlier (so its buttons cannot be pressed again). Falls back to a
   * new message where the channel cannot update (the result must reach the user either way).
   */
  async replaceCard(activityId: string | undefined, name: string, data: object): Promise<void> {
    const attachment = CardFactory.adaptiveCard(this.cards.render(name, data));
    if (activityId) {
      try {
        await this.context.updateActivity({ ...MessageFactory.attachment(attachment), id: activityId });
        return;
      } catch (error) {
        this.logger.warn(
          { err: error, activityId },
          'card update failed; sending the result as a new message',
        );
      }
    }
    await this.context.sendActivity(MessageFactory.attachment(attachment));
  }

  /** Explains a refusal (DomainError) in the user's words; anything else gets a generic message. */
  async error(error: unknown, context: Readonly<Record<string, string>> = {}): Promise<void> {
    const unwrapped = unwrapTurnError(error);
    if (this.signInPrompt && isDomainError(unwrapped) && unwrapped.code === 'sign_in_required') {
      try {
        await this.signInPrompt();
        return;
      } catch (promptError) {
        // The token service is unreachable: the plain sign-in sentence still tells the user what to do.
        this.logger.warn({ err: promptError, activityId: this.context.activity.id }, 'sign-in card not sent');
      }
    }
    const described = describeError(this.t, error, context);
    if (described) {
      await this.context.sendActivity(MessageFactory.text(described));
      return;
    }
    const correlationId = randomUUID().slice(0, 8);
    this.logger.error(
      { err: unwrapTurnError(error), correlationId, activityId: this.context.activity.id },
      'unexpected error in a turn',
    );
    await this.context.sendActivity(MessageFactory.text(this.t.t('core.error.generic', { correlationId })));
  }
}
