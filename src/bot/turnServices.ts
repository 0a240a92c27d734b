import type { TurnContext } from 'botbuilder';
import type { Actor } from '../domain/identity/actor.js';
import type { Translator } from '../i18n/translator.js';
import type { Replier } from './replier.js';

/**
 * Per-turn objects the bot puts on `turnState` so dialogs (which only get a DialogContext) can
 * reach the identified actor, the user's translator and the replier of this turn.
 */
const ACTOR = Symbol('actor');
const TRANSLATOR = Symbol('translator');
const REPLIER = Symbol('replier');

export function setTurnServices(context: TurnContext, actor: Actor, t: Translator, reply: Replier): void {
  context.turnState.set(ACTOR, actor);
  context.turnState.set(TRANSLATOR, t);
  context.turnState.set(REPLIER, reply);
}

function required<T>(context: TurnContext, key: symbol, name: string): T {
  const value = context.turnState.get(key) as T | undefined;
  if (value === undefined)
    throw new Error(`${name} is not set for this turn (is the dialog run outside AssistantBot?)`);
  return value;
}

export const actorOf = (context: TurnContext): Actor => required<Actor>(context, ACTOR, 'actor');
export const translatorOf = (context: TurnContext): Translator =>
  required<Translator>(context, TRANSLATOR, 'translator');
export const replierOf = (context: TurnContext): Replier => required<Replier>(context, REPLIER, 'replier');
