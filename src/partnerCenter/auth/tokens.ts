import type { CallUser } from '../callContext.js';

/**
 * How a Partner Center API operation authenticates
 * (https://learn.microsoft.com/partner-center/developer/partner-center-authentication):
 * - 'app-only': the bot's app registration alone (client credentials), e.g. enhanced attestation;
 * - 'app+user': the app on behalf of a signed-in partner user; since 2026-04-01 the user's token must
 *   carry the MFA claim.
 */
export type AuthKind = 'app-only' | 'app+user';

/** Token audiences the bot asks for. */
export type TokenResource =
  /** https://api.partnercenter.microsoft.com (scope https://api.partnercenter.microsoft.com/.default) */
  | 'partnerCenter'
  /** https://api.partner.microsoft.com (price sheets) */
  | 'partnerApi'
  /** https://management.azure.com (Azure subscriptions under the plan) */
  | 'azureResourceManager';

/**
 * Gets bearer tokens for the REST client. Implemented by the sign-in module (MSAL against Entra or
 * the local fake Entra). Tokens are cached inside; callers never log them.
 *
 * Throws DomainError('sign_in_required') when an App+User call has no usable user token (the bot
 * then offers sign-in), DomainError('mfa_required') when the user's token lacks the MFA claim, and
 * DomainError('app_credentials_missing') when an App-only call has no app credentials.
 */
export interface PartnerCenterTokens {
  getToken(kind: AuthKind, resource: TokenResource, user?: CallUser): Promise<string>;
  /** Partner Center answered 401 to this token: drop it so the next getToken fetches a new one. */
  invalidate(kind: AuthKind, resource: TokenResource, user?: CallUser): void;
}
