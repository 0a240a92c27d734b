import { allowedOperations, can } from '../../domain/identity/actor.js';
import { OPERATIONS } from '../../domain/identity/permissions.js';
import type { Actor } from '../../domain/identity/actor.js';
import type { Translator } from '../../i18n/translator.js';
import { builtCommands, type CommandDefinition, type CommandId } from '../../bot/commands.js';
import type { CommandRouter } from '../../bot/router.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { quoteUserText } from '../../domain/text/userText.js';
import type { AuthHealth, AuthHealthReport } from '../../partnerCenter/auth/authHealth.js';

/** Commands this actor may run, in menu order: help lists only these. */
export function commandsFor(actor: Actor): CommandDefinition[] {
  return builtCommands().filter((command) => command.operation === null || can(actor, command.operation));
}

function rolesText(t: Translator, actor: Actor): string[] {
  return actor.user.roles.map((role) => t.t(`core.role.${role}`));
}

function commandLine(t: Translator, command: CommandDefinition) {
  return {
    usage: t.t(`command.${command.id}.usage`),
    description: t.t(`command.${command.id}.description`),
  };
}

export function helpCardData(t: Translator, actor: Actor) {
  const commands = commandsFor(actor).filter((command) => command.id !== 'cancel');
  return {
    title: t.t('core.help.title', { name: actor.user.displayName }),
    subtitle: t.t('core.help.subtitle', { roles: rolesText(t, actor), partner: actor.partner.name }),
    commands: commands.map((command) => commandLine(t, command)),
    footer: t.t('core.help.footer'),
  };
}

/** Admins (global admin, admin agent) see the backend's Partner Center sign-in health in whoami. */
export function seesAuthHealth(actor: Actor): boolean {
  return actor.user.roles.some((role) => role === 'GlobalAdmin' || role === 'AdminAgent');
}

function authFacts(t: Translator, auth: AuthHealthReport) {
  const yesNo = (value: boolean | undefined) =>
    t.t(value === undefined ? 'core.auth.unknown' : value ? 'core.auth.yes' : 'core.auth.no');
  const available = (value: boolean) => t.t(value ? 'core.auth.available' : 'core.auth.unavailable');
  return [
    {
      title: t.t('core.auth.credentials'),
      value: t.t('core.auth.credentials.value', { kind: auth.appCredentials }),
    },
    { title: t.t('core.auth.signedIn'), value: yesNo(auth.signedIn) },
    { title: t.t('core.auth.mfa'), value: yesNo(auth.mfa) },
    { title: t.t('core.auth.appOnly'), value: available(auth.appOnlyAvailable) },
    { title: t.t('core.auth.appUser'), value: available(auth.appUserAvailable) },
  ];
}

export function whoamiCardData(t: Translator, actor: Actor, auth?: AuthHealthReport) {
  const allowed = allowedOperations(actor);
  return {
    authTitle: auth ? t.t('core.auth.title') : '',
    authFacts: auth ? authFacts(t, auth) : [],
    title: t.t('core.whoami.title'),
    facts: [
      { title: t.t('core.whoami.user'), value: actor.user.displayName },
      { title: t.t('core.whoami.partner'), value: actor.partner.name },
      { title: t.t('core.whoami.partnerType'), value: t.t(`core.partnerType.${actor.partner.type}`) },
      { title: t.t('core.whoami.mpn'), value: actor.partner.mpnId },
      { title: t.t('core.whoami.roles'), value: rolesText(t, actor).join(', ') },
    ],
    allowedTitle: t.t('core.whoami.allowed'),
    allowed: allowed.map((operation) => ({ text: `✓ ${t.t(`core.op.${operation}`)}` })),
    deniedTitle: t.t('core.whoami.notAllowed'),
    denied: OPERATIONS.filter((operation) => !allowed.includes(operation)).map((operation) => ({
      text: `✗ ${t.t(`core.op.${operation}`)}`,
    })),
  };
}

export function unknownCardData(t: Translator, text: string, suggestions: CommandDefinition[]) {
  return {
    text: t.t('core.unknown', { text: quoteUserText(text) }),
    suggestTitle: suggestions.length > 0 ? t.t('core.unknown.suggest') : '',
    suggestions: suggestions.map((command) => ({
      title: t.t(`command.${command.id}.usage`),
      data: { verb: 'command.run', command: t.t(`command.${command.id}.usage`).replace(/\s*[<[].*$/, '') },
    })),
    help: t.t('core.unknown.help'),
  };
}

export async function runHelp(scope: TurnScope): Promise<void> {
  await scope.reply.card('help', helpCardData(scope.t, scope.actor));
}

export async function runWhoami(scope: TurnScope, authHealth?: AuthHealth): Promise<void> {
  const auth =
    authHealth && seesAuthHealth(scope.actor)
      ? await authHealth.report({
          tenantId: scope.actor.partner.tenantId,
          aadObjectId: scope.actor.user.aadObjectId,
          channelUserId: scope.context.activity.from?.id,
        })
      : undefined;
  await scope.reply.card('whoami', whoamiCardData(scope.t, scope.actor, auth));
}

export async function runUnknown(scope: TurnScope, router: CommandRouter, text: string): Promise<void> {
  const allowed = new Set<CommandId>(commandsFor(scope.actor).map((command) => command.id));
  const suggestions = router.suggest(text, (id) => allowed.has(id));
  await scope.reply.card('unknown', unknownCardData(scope.t, text, suggestions));
}
