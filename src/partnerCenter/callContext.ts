import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every Partner Center call of one bot turn carries (https://learn.microsoft.com/partner-center/developer/headers):
 * - `correlationId` → `MS-CorrelationId` (one per turn, ties the turn's calls together),
 * - `requestId` → `MS-RequestId` (the bot's exactly-once request id of the state-changing action; the
 *   same value on every retry of that action, so Partner Center does the effect once),
 * - `locale` → `X-Locale` (the user's locale, e.g. `ko-KR`),
 * - `user` → whose App+User token an App+User operation uses.
 */
export interface CallContext {
  correlationId?: string;
  requestId?: string;
  locale?: string;
  user?: CallUser;
}

/** The partner user acting in this turn (Teams `from.aadObjectId` in the partner's tenant). */
export interface CallUser {
  tenantId: string;
  aadObjectId: string;
  /** Teams/Bot Framework user id, for the Bot Framework token service (SSO / OAuth card). */
  channelUserId?: string;
}

/**
 * Carries the CallContext down to the REST client without threading it through every port method.
 * One instance is made in the composition root and injected (no module-level state). Nested
 * `run` calls merge: the turn sets correlationId/locale/user, ExactlyOnce adds requestId.
 */
export class CallScope {
  private readonly storage = new AsyncLocalStorage<CallContext>();

  run<T>(context: CallContext, work: () => Promise<T>): Promise<T> {
    const merged = { ...(this.storage.getStore() ?? {}), ...stripUndefined(context) };
    return this.storage.run(merged, work);
  }

  current(): CallContext {
    return this.storage.getStore() ?? {};
  }
}

function stripUndefined(context: CallContext): CallContext {
  return Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as CallContext;
}
