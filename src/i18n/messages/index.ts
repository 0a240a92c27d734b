import type { Locale } from '../locale.js';
import { attestMessages } from '../../features/attest/messages.js';
import { commandMessages } from './commands.js';
import { coreMessages } from './core.js';
import { pricesMessages } from '../../features/prices/messages.js';
import { customerMessages } from '../../features/customers/messages.js';
import { errorMessages } from './errors.js';
import { flowMessages } from './flow.js';
import { planMessages } from '../../features/purchase/messages.js';
import { transitionMessages } from '../../features/transition/messages.js';
import { knowledgeMessages } from '../../features/shared/messages.js';
import { priceChatMessages } from '../../features/prices/chatMessages.js';
import { pecMessages } from '../../features/pec/messages.js';
import { billingMessages } from '../../features/billing/messages.js';
import { reconMessages } from '../../features/recon/messages.js';
import { pagingMessages } from '../../features/shared/pagingMessages.js';
import { signInMessages } from '../../features/signin/messages.js';

/**
 * Every catalog, merged: the host's (core, commands, errors, flow; in this folder) and each feature's
 * `src/features/<feature>/messages.ts`, which adds one line here. Kept explicit so that MessageKey
 * is one static union (the only src/i18n file that names features; docs/architecture.md); keys are
 * prefixed with the feature name so they cannot collide.
 */
const FEATURE_CATALOGS = [
  coreMessages,
  commandMessages,
  errorMessages,
  customerMessages,
  pricesMessages,
  flowMessages,
  priceChatMessages,
  pecMessages,
  billingMessages,
  attestMessages,
  planMessages,
  transitionMessages,
  knowledgeMessages,
  reconMessages,
  pagingMessages,
  signInMessages,
] as const;

type CatalogKeys<C> = C extends { 'en-US': Readonly<Record<infer K, string>> } ? K : never;
export type MessageKey = CatalogKeys<(typeof FEATURE_CATALOGS)[number]>;

function merge(locale: Locale): Readonly<Record<MessageKey, string>> {
  return Object.assign({}, ...FEATURE_CATALOGS.map((catalog) => catalog[locale])) as Record<
    MessageKey,
    string
  >;
}

export const ALL_MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  'en-US': merge('en-US'),
  'ko-KR': merge('ko-KR'),
};
