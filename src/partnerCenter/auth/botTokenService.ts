import type { BotFrameworkAuthentication, UserTokenClient } from 'botframework-connector';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { CallUser } from '../callContext.js';
import type { UserAssertionSource } from './msalTokens.js';

/** Teams is the only channel the bot serves. */
export const TEAMS_CHANNEL_ID = 'msteams';

/**
 * The user's SSO token from the Bot Framework token service (the Azure Bot's OAuth connection):
 * Teams SSO (`signin/tokenExchange`) or the sign-in card put it there; this reads it back outside
 * the turn's adapter plumbing, as the bot itself (a UserTokenClient built from the bot's
 * credentials), for the MSAL on-behalf-of exchange.
 */
export class BotTokenServiceAssertions implements UserAssertionSource {
  constructor(
    private readonly options: {
      auth: BotFrameworkAuthentication;
      appId: string;
      connectionName: string;
    },
  ) {}

  client(): Promise<UserTokenClient> {
    return botTokenServiceClient(this.options.auth, this.options.appId);
  }

  async getUserAssertion(user: CallUser): Promise<string | undefined> {
    if (!user.channelUserId) return undefined;
    const client = await this.client();
    // No magic code: only a token the service already holds (botbuilder passes undefined the same way).
    const response = await client.getUserToken(
      user.channelUserId,
      this.options.connectionName,
      TEAMS_CHANNEL_ID,
      undefined as unknown as string, // typed string, optional in the REST API
    );
    return response?.token || undefined;
  }
}

/**
 * A Bot Framework token service client acting as the bot (its app id and credentials), also where
 * a turn's own client would know no app id (local runs without MicrosoftAppId).
 */
export function botTokenServiceClient(
  auth: BotFrameworkAuthentication,
  appId: string,
): Promise<UserTokenClient> {
  const identity = new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ],
    true,
  );
  return auth.createUserTokenClient(identity);
}
