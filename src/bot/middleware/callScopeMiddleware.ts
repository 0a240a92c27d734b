import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import { resolveLocale } from '../../i18n/locale.js';
import type { CallContext, CallScope } from '../../partnerCenter/callContext.js';
import { tenantOf } from '../identity.js';

export interface CallScopeMiddlewareOptions {
  /** The turn's locale (default: the activity's locale, resolved to a supported one: en-US / ko-KR). */
  localeOf?: (context: TurnContext) => string;
  newId?: () => string;
}

/**
 * Runs each turn inside `callScope.run(...)`, so every Partner Center call of the turn carries one
 * MS-CorrelationId (a new GUID per turn), the user's X-Locale and the acting user (whose App+User
 * token is used): `{ correlationId, locale, user: { tenantId, aadObjectId, channelUserId } }`.
 * The user is left out when the activity has no consistent tenant or no AAD object id.
 */
export class CallScopeMiddleware implements Middleware {
  private readonly newId: () => string;
  private readonly localeOf: (context: TurnContext) => string;

  constructor(
    private readonly callScope: CallScope,
    options: CallScopeMiddlewareOptions = {},
  ) {
    this.newId = options.newId ?? randomUUID;
    this.localeOf = options.localeOf ?? ((context) => resolveLocale(context.activity.locale));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await this.callScope.run(callContextOf(context, this.newId(), this.localeOf(context)), next);
  }
}

/** The CallContext of one turn (exported for tests and for proactive work that rebuilds a turn). */
export function callContextOf(context: TurnContext, correlationId: string, locale: string): CallContext {
  const { activity } = context;
  const tenantId = tenantOf(activity);
  const aadObjectId = activity.from?.aadObjectId;
  return {
    correlationId,
    locale,
    ...(tenantId && aadObjectId
      ? { user: { tenantId, aadObjectId, ...(activity.from?.id ? { channelUserId: activity.from.id } : {}) } }
      : {}),
  };
}
