import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ToBotFromBotOrEmulatorTokenValidationParameters,
} from 'botframework-connector';
import type { Config } from '../../config.js';
import { InboundAuthenticator } from './inboundAuth.js';
import { ReusingBotFrameworkAuthentication } from './reusedClients.js';
import { OpenIdKeyStore } from './openIdKeys.js';

export type BotAuthenticationConfig = Pick<
  Config,
  | 'MicrosoftAppId'
  | 'MicrosoftAppPassword'
  | 'MicrosoftAppType'
  | 'MicrosoftAppTenantId'
  | 'ToBotFromChannelOpenIdMetadataUrl'
  | 'ToBotFromEmulatorOpenIdMetadataUrl'
  | 'BOT_TOKEN_SERVICE_URL'
  | 'authEnabled'
>;

export interface BotAuthentication {
  /** botbuilder's authentication (outbound credentials, connector clients, claims checks). */
  auth: ConfigurationBotFrameworkAuthentication;
  /** Checks every inbound request before a turn runs (fails closed with a reason). */
  inbound: InboundAuthenticator;
}

/**
 * Builds the bot's authentication from its settings. The OpenID metadata URLs default to the
 * public cloud's; overriding them (test/advanced setting) switches botbuilder to its
 * "parameterized" mode, which needs every endpoint, so the public-cloud values are given for the rest.
 */
export function createBotAuthentication(config: BotAuthenticationConfig): BotAuthentication {
  const channelMetadataUrl =
    config.ToBotFromChannelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl;
  const emulatorMetadataUrl =
    config.ToBotFromEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl;
  const overridden = Boolean(
    config.ToBotFromChannelOpenIdMetadataUrl ||
    config.ToBotFromEmulatorOpenIdMetadataUrl ||
    config.BOT_TOKEN_SERVICE_URL,
  );
  const auth = new ReusingBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...(overridden
      ? {
          ValidateAuthority: true,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: config.BOT_TOKEN_SERVICE_URL ?? AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: channelMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: emulatorMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const inbound = new InboundAuthenticator({
    enabled: config.authEnabled,
    auth,
    allowedAlgorithms: AuthenticationConstants.AllowedSigningAlgorithms,
    issuers: {
      channel: {
        issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        keys: new OpenIdKeyStore(channelMetadataUrl),
      },
      emulator: {
        issuers: ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[],
        keys: new OpenIdKeyStore(emulatorMetadataUrl),
      },
    },
  });
  return { auth, inbound };
}
