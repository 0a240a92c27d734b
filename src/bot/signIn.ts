import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { Translator } from '../i18n/translator.js';

/**
 * Sign-in hooks a feature (src/features/signin) gives the host: the host answers the sign-in
 * invokes with them and, when a Partner Center call of the turn throws
 * DomainError('sign_in_required'), shows the feature's sign-in card instead of a text.
 */
export interface SignInHandlers {
  /** `signin/tokenExchange` (Teams SSO): answered 200, or 412 so Teams shows the card's button. */
  tokenExchange(context: TurnContext): Promise<InvokeResponse>;
  /** `signin/verifyState` (the OAuth card's sign-in finished, with a magic code in `state`). */
  verifyState(context: TurnContext): Promise<InvokeResponse>;
  /** Sends the sign-in card with a plain explanation (a Partner Center call needs the user's sign-in). */
  prompt(context: TurnContext, t: Translator): Promise<void>;
}
