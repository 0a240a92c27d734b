import { CardFactory, MessageFactory, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import type { BotFeature } from '../../bot/feature.js';
import type { SignInHandlers } from '../../bot/signIn.js';
import type { TurnScope } from '../../bot/turnScope.js';
import { resolveLocale } from '../../i18n/locale.js';
import { Translator } from '../../i18n/translator.js';
import type { Logger } from '../../logging.js';
import type { CallUser } from '../../partnerCenter/callContext.js';

export interface SignInFeatureOptions {
  /** 'local': the embedded emulator (the seed user is signed in already); 'entra': the real tenant. */
  mode: 'local' | 'entra';
  /** The Azure Bot OAuth connection (OAUTH_CONNECTION_NAME); unset: sign-in is not set up. */
  connectionName?: string;
  /** Drops the user's cached Partner Center tokens (sign out). */
  forgetUser(user: CallUser): void;
  logger: Logger;
  /** The Bot Framework token service client, acting as the bot (app.ts builds it from the bot's auth). */
  tokenClient: () => Promise<UserTokenClient>;
  /** Token exchanges remembered for de-duplication (Teams sends one per open client). Default 1000. */
  exchangeMemory?: number;
}

interface TokenExchangeValue {
  id?: unknown;
  connectionName?: unknown;
  token?: unknown;
}

/**
 * `sign in` / `sign out` (`로그인` / `로그아웃`), Teams SSO (`signin/tokenExchange`), the OAuth card
 * fallback (`signin/verifyState` with the magic code) and the sign-in card the host shows when a
 * Partner Center call needs the user's sign-in. The user's token lives in the Bot Framework token
 * service (the Azure Bot OAuth connection); the token module reads it from there for MSAL's
 * on-behalf-of exchange. Tokens are never logged or shown.
 */
export function signInFeature(options: SignInFeatureOptions): BotFeature {
  const { connectionName, mode } = options;
  // Teams sends the same exchange from every client the user has open (desktop, web, mobile):
  // only the first is exchanged. Per bot instance; its size is bounded.
  const seenExchanges = new Set<string>();
  const remember = (key: string): boolean => {
    if (seenExchanges.has(key)) return false;
    seenExchanges.add(key);
    if (seenExchanges.size > (options.exchangeMemory ?? 1000)) {
      seenExchanges.delete(seenExchanges.values().next().value as string);
    }
    return true;
  };

  async function prompt(
    context: TurnContext,
    t: Translator,
    textKey: 'signin.required' | 'signin.card.text',
  ) {
    if (mode === 'local' || !connectionName) {
      await context.sendActivity(
        MessageFactory.text(t.t(mode === 'local' ? 'signin.local' : 'signin.notConfigured')),
      );
      return;
    }
    const client = await options.tokenClient();
    const resource = await client.getSignInResource(
      connectionName,
      context.activity,
      undefined as unknown as string,
    );
    const card = CardFactory.oauthCard(
      connectionName,
      t.t('signin.card.button'),
      t.t('signin.card.text'),
      resource.signInLink,
      resource.tokenExchangeResource,
    );
    await context.sendActivity(MessageFactory.attachment(card, t.t(textKey)));
  }

  const handlers: SignInHandlers = {
    prompt: (context, t) => prompt(context, t, 'signin.required'),

    async tokenExchange(context): Promise<InvokeResponse> {
      const value = (context.activity.value ?? {}) as TokenExchangeValue;
      const id = typeof value.id === 'string' ? value.id : '';
      const body = { id, connectionName: connectionName ?? '' };
      if (mode === 'local' || !connectionName) {
        return { status: 412, body: { ...body, failureDetail: 'Sign-in is not set up for this bot.' } };
      }
      if (!id || typeof value.token !== 'string' || value.token === '') {
        return { status: 400, body: { ...body, failureDetail: 'The exchange needs an id and a token.' } };
      }
      const key = `${context.activity.conversation?.id ?? ''}|${context.activity.from?.id ?? ''}|${id}`;
      // A duplicate of an exchange already taken: acknowledged, not exchanged (nor answered) twice.
      if (!remember(key)) return { status: 200, body };
      try {
        const result = await (
          await options.tokenClient()
        ).exchangeToken(context.activity.from.id, connectionName, context.activity.channelId, {
          token: value.token,
        });
        if (result?.token) {
          await context.sendActivity(MessageFactory.text(await signedInText(context)));
          return { status: 200, body };
        }
      } catch (error) {
        options.logger.warn(
          { status: (error as { statusCode?: unknown }).statusCode },
          'SSO token exchange failed',
        );
      }
      seenExchanges.delete(key);
      // 412: Teams then shows the card's sign-in button (consent or a full sign-in is needed).
      return {
        status: 412,
        body: {
          ...body,
          failureDetail: 'The bot could not exchange the token. Proceed with regular sign-in.',
        },
      };
    },

    async verifyState(context): Promise<InvokeResponse> {
      const state = (context.activity.value as { state?: unknown } | undefined)?.state;
      // Every invoke answer has a body (an empty 200 reads as a failure in some clients).
      if (mode === 'local' || !connectionName || typeof state !== 'string') return { status: 200, body: {} };
      const token = await (
        await options.tokenClient()
      )
        .getUserToken(context.activity.from.id, connectionName, context.activity.channelId, state)
        .catch(() => undefined);
      await context.sendActivity(
        MessageFactory.text(token?.token ? await signedInText(context) : await failedText(context)),
      );
      return { status: 200, body: {} };
    },
  };

  return {
    signIn: handlers,
    commands: {
      signIn: async (scope) => {
        if (mode !== 'local' && connectionName) {
          const existing = await (
            await options.tokenClient()
          )
            .getUserToken(
              scope.context.activity.from.id,
              connectionName,
              scope.context.activity.channelId,
              undefined as unknown as string,
            )
            .catch(() => undefined);
          if (existing?.token) {
            await scope.reply.text('signin.already');
            return;
          }
        }
        await prompt(scope.context, scope.t, 'signin.card.text');
      },
      signOut: async (scope) => {
        if (mode === 'local') return void (await scope.reply.text('signin.localSignOut'));
        if (!connectionName) return void (await scope.reply.text('signin.notConfigured'));
        await (
          await options.tokenClient()
        ).signOutUser(scope.context.activity.from.id, connectionName, scope.context.activity.channelId);
        options.forgetUser(callUserOf(scope));
        await scope.reply.text('signin.signedOut');
      },
    },
  };
}

/** The partner user of this turn, as the token module knows them. */
export function callUserOf(scope: TurnScope): CallUser {
  return {
    tenantId: scope.actor.partner.tenantId,
    aadObjectId: scope.actor.user.aadObjectId,
    channelUserId: scope.context.activity.from.id,
  };
}

async function signedInText(context: TurnContext): Promise<string> {
  return (await translatorOfInvoke(context)).t('signin.done');
}

async function failedText(context: TurnContext): Promise<string> {
  return (await translatorOfInvoke(context)).t('signin.failed');
}

/** Invokes carry the client's locale; user state is not read for them. */
async function translatorOfInvoke(context: TurnContext): Promise<Translator> {
  return new Translator(resolveLocale(context.activity.locale));
}
