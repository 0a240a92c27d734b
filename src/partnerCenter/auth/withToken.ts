import { DomainError } from '../../domain/errors.js';
import type { CallUser } from '../callContext.js';
import type { AuthKind, PartnerCenterTokens, TokenResource } from './tokens.js';

/**
 * Sends one Partner Center request with a bearer token, the way the REST client should: a 401
 * drops the token (`invalidate`) and the request is sent once more with a fresh one; a second 401
 * means the user's sign-in (App+User) or the app's credentials (App-only) are no longer accepted,
 * so the bot asks the user to sign in again (DomainError 'sign_in_required') — never a generic
 * error. Errors of getToken (sign_in_required, mfa_required …) pass through unchanged.
 */
export async function withPartnerCenterToken<R extends { status: number }>(
  tokens: PartnerCenterTokens,
  kind: AuthKind,
  resource: TokenResource,
  user: CallUser | undefined,
  send: (token: string) => Promise<R>,
): Promise<R> {
  const first = await send(await tokens.getToken(kind, resource, user));
  if (first.status !== 401) return first;
  tokens.invalidate(kind, resource, user);
  const second = await send(await tokens.getToken(kind, resource, user));
  if (second.status !== 401) return second;
  tokens.invalidate(kind, resource, user);
  if (kind === 'app+user') throw new DomainError('sign_in_required');
  throw new DomainError('app_credentials_missing', { reason: 'rejected' });
}
