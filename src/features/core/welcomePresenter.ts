import { can, type Actor } from '../../domain/identity/actor.js';
import type { Operation } from '../../domain/identity/permissions.js';
import type { Translator } from '../../i18n/translator.js';
import type { CommandId } from '../../bot/commands.js';
import { commandsFor } from './coreCommands.js';

/** What the welcome card mentions (core.welcome.task.*), most useful first; only what the roles allow. */
const WELCOME_TASKS: readonly Operation[] = [
  'agreements.attest',
  'plan.purchase',
  'subscriptions.manage',
  'transition.run',
  'prices.view',
  'pec.view',
  'billing.view',
];

/** Commands offered as buttons (no argument needed), in this order, at most three. */
const WELCOME_COMMANDS: readonly CommandId[] = [
  'customers',
  'buyPlan',
  'attest',
  'transition',
  'compareOffers',
];

/**
 * The welcome card: what this user may do with their roles, and buttons only for commands they may
 * run (a Billing admin is not offered to buy). Without a known user it only describes the app.
 */
export function welcomeCardData(t: Translator, actor: Actor | undefined, partnerName: string) {
  const tasks = actor
    ? WELCOME_TASKS.filter((operation) => can(actor, operation)).map((operation) =>
        t.t(`core.welcome.task.${operation}` as 'core.welcome.task.pec.view'),
      )
    : [];
  const allowed = actor ? new Set(commandsFor(actor).map((command) => command.id)) : new Set<CommandId>();
  const suggestions = WELCOME_COMMANDS.filter((id) => allowed.has(id))
    .slice(0, 3)
    .map((id) => {
      const command = t.t(`command.${id}.usage`).replace(/\s*[<[].*$/, '');
      return { title: command, data: { verb: 'command.run', command } };
    });
  return {
    title: t.t('core.welcome.title'),
    body:
      actor && tasks.length > 0
        ? t.t('core.welcome.bodyFor', {
            partner: partnerName,
            roles: actor.user.roles.map((role) => t.t(`core.role.${role}`)),
            tasks,
          })
        : t.t('core.welcome.body', { partner: partnerName }),
    tryHelp: t.t('core.welcome.tryHelp'),
    helpButton: t.t('command.help.usage'),
    helpCommand: t.t('command.help.usage'),
    suggestions,
  };
}
