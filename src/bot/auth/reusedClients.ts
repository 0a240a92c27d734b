import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { dropOldest } from '../../domain/boundedMap.js';

/** Most distinct (app id, service URL, audience) clients kept; Teams uses a handful of service URLs. */
const MAX_CLIENTS = 64;

/**
 * botbuilder's authentication, reusing its outbound clients across turns. CloudAdapter asks for a
 * new ConnectorClient (and a UserTokenClient) on every turn — for an inbound activity through the
 * factory `authenticateRequest` returns — and each one builds its HTTP pipeline from scratch:
 * about 4% of a turn's CPU. The clients hold nothing of a turn:
 * the app's credentials (which cache their own tokens) and the service URL, so one client per
 * (app id, service URL, audience) serves every turn, as botbuilder's older BotFrameworkAdapter
 * kept them. A client whose creation failed is not kept.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(options: ConfigurationBotFrameworkAuthenticationOptions) {
    super(options);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> =>
      reuse(this.connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
        super.createConnectorFactory(claimsIdentity).create(serviceUrl, audience),
      );
    return { create };
  }

  /**
   * An inbound turn: botbuilder's result carries a ConnectorFactory of its own, which CloudAdapter
   * uses for the turn's replies; it is swapped for the reusing one (same app id and settings).
   */
  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return reuse(this.tokenClients, appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }
}

/**
 * The app id botbuilder builds the clients for (audience claim from a channel, appid from the
 * emulator), as a key: no app id at all (an anonymous turn) is not the same as an empty one.
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  const appId =
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim);
  return appId === null || appId === undefined ? '(none)' : `=${appId}`;
}

function reuse<T>(clients: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const known = clients.get(key);
  if (known) return known;
  const created = create();
  clients.set(key, created);
  created.catch(() => {
    if (clients.get(key) === created) clients.delete(key);
  });
  dropOldest(clients, MAX_CLIENTS);
  return created;
}
