import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Actor } from '../domain/identity/actor.js';
import type { Locale } from '../i18n/locale.js';
import type { Translator } from '../i18n/translator.js';
import type { CommandId } from './commands.js';
import type { Replier } from './replier.js';

/** Everything a handler needs for one turn of one identified partner user. */
export interface TurnScope {
  context: TurnContext;
  actor: Actor;
  locale: Locale;
  t: Translator;
  reply: Replier;
  /** Dialog context over this user's private conversation state (per user, also in group chats). */
  dc: DialogContext;
}

/** Runs a typed command; `argument` is the text after the command phrase ('' when none). */
export type CommandHandler = (scope: TurnScope, argument: string) => Promise<void>;

/** Data an Adaptive Card submits: always a `verb`; flows add `flowId`, `requestId`, `userId`. */
export interface SubmitData {
  verb: string;
  [field: string]: unknown;
}

/** Handles a card submit that belongs to no running dialog (e.g. a "help" button). */
export type SubmitHandler = (scope: TurnScope, data: SubmitData) => Promise<void>;

/** Tries free text that is no command (e.g. a price question); returns true when it answered. */
export type FallbackHandler = (scope: TurnScope, text: string) => Promise<boolean>;

export type CommandHandlers = Partial<Record<CommandId, CommandHandler>>;
