import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  importX509,
  jwtVerify,
  SignJWT,
  decodeProtectedHeader,
  type JWK,
} from 'jose';

/**
 * A local stand-in for Microsoft Entra ID (login.microsoftonline.com) on a loopback port: OIDC
 * metadata, JWKS and the v2.0 token endpoint with the grants the bot uses —
 * `client_credentials` (App-only; client secret or certificate client assertion),
 * `urn:ietf:params:oauth:grant-type:jwt-bearer` (on-behalf-of: the Teams SSO token → a Partner
 * Center App+User token for the same user) and `refresh_token`. Tokens are RS256 JWTs per the
 * claims contract the Partner Center emulator verifies (iss `<authorityHost>/<tenant>/v2.0`,
 * aud = the resource, tid, appid/azp, idtyp app|user, scp, oid, upn, amr).
 *
 * The server speaks plain HTTP on 127.0.0.1, but names itself by an `https://127.0.0.1:<port>`
 * authority host (MSAL refuses http authorities): MSAL reaches it through
 * `loopbackNetworkClient` (msalNetwork.ts), which maps that origin to the real http one.
 */

export interface FakeEntraClient {
  clientId: string;
  /** Client secret (App-only / OBO client authentication). */
  secret?: string;
  /** PEM of the X.509 certificate whose private key signs client assertions. */
  certificatePem?: string;
  /** The app's service principal object id (`oid` of App-only tokens); defaults to a fresh id. */
  servicePrincipalId?: string;
  /** Audiences of SSO tokens this client may exchange on behalf of a user (e.g. api://…/botid-<id>). */
  ssoAudiences?: string[];
}

export interface FakeEntraUser {
  oid: string;
  upn: string;
  name: string;
  /** Whether the user's sign-in satisfied MFA (then `amr` is ["pwd","mfa"], else ["pwd"]). */
  mfa: boolean;
}

export interface FakeEntraOptions {
  tenantId?: string;
  clients: FakeEntraClient[];
  users?: FakeEntraUser[];
  /** Lifetime of issued access tokens, seconds (default 3600). A short one makes tokens expire. */
  accessTokenLifetimeSeconds?: number;
  /** Lifetime of SSO user assertions minted by mintUserAssertion, seconds (default 3600). */
  userAssertionLifetimeSeconds?: number;
  /** Current time in ms (default Date.now): tests pin or advance it. */
  now?: () => number;
  /** Loopback port to listen on (default 0: any free port). */
  port?: number;
  /**
   * Serve `POST /_local/users/{oid}/assertion` (body `{ "audience": "…" }` → `{ "assertion": "…" }`):
   * a seed user's SSO token minted over HTTP, for a bot process whose fake Entra runs in another
   * process (`npm run emulator -- --with-entra`). Loopback test endpoint only; off by default.
   */
  serveUserAssertions?: boolean;
}

export interface FakeEntraRequestRecord {
  grantType: string;
  clientId: string;
  scope?: string;
  userOid?: string;
}

export interface FakeEntra {
  /** `https://127.0.0.1:<port>` — the authority host MSAL is configured with. */
  authorityHost: string;
  /** `http://127.0.0.1:<port>` — where the server really listens. */
  baseUrl: string;
  tenantId: string;
  issuer: string;
  /** Fetchable JWKS URL (http) for verifiers such as the Partner Center emulator. */
  jwksUrl: string;
  /** An SSO token as Teams would get it for `audience` (the bot's Application ID URI). */
  mintUserAssertion(user: FakeEntraUser | string, audience: string): Promise<string>;
  /** Token requests served, in order (no tokens in them). */
  readonly requests: readonly FakeEntraRequestRecord[];
  /** Adds or replaces a user (e.g. to turn MFA on between two sign-ins). */
  setUser(user: FakeEntraUser): void;
  close(): Promise<void>;
}

const RESOURCES = [
  'https://api.partnercenter.microsoft.com',
  'https://api.partner.microsoft.com',
  'https://management.azure.com',
];
const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Teams desktop/mobile client id: the `azp` of Teams SSO tokens. */
const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    description: string,
  ) {
    super(description);
  }
}

interface RefreshGrant {
  clientId: string;
  userOid: string;
  resource: string;
}

export async function startFakeEntra(options: FakeEntraOptions): Promise<FakeEntra> {
  const tenantId = options.tenantId ?? randomUUID();
  const now = options.now ?? (() => Date.now());
  const accessLifetime = options.accessTokenLifetimeSeconds ?? 3600;
  const assertionLifetime = options.userAssertionLifetimeSeconds ?? 3600;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  const clients = new Map(
    options.clients.map((c) => [
      c.clientId,
      { ...c, servicePrincipalId: c.servicePrincipalId ?? randomUUID() },
    ]),
  );
  const users = new Map((options.users ?? []).map((u) => [u.oid.toLowerCase(), u]));
  const refreshGrants = new Map<string, RefreshGrant>();
  const requests: FakeEntraRequestRecord[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof TokenError) sendTokenError(res, error);
      else send(res, 500, { error: 'server_error', error_description: 'fake Entra failed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const authorityHost = `https://127.0.0.1:${port}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const issuer = `${authorityHost}/${tenantId}/v2.0`;

  const seconds = () => Math.floor(now() / 1000);

  async function sign(claims: Record<string, unknown>, audience: string, lifetime: number): Promise<string> {
    const iat = seconds();
    return new SignJWT({ ...claims, tid: tenantId, ver: '2.0', uti: randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + lifetime)
      .sign(privateKey);
  }

  function userClaims(user: FakeEntraUser): Record<string, unknown> {
    return {
      idtyp: 'user',
      oid: user.oid,
      sub: createHash('sha256').update(user.oid).digest('base64url').slice(0, 43),
      upn: user.upn,
      name: user.name,
      amr: user.mfa ? ['pwd', 'mfa'] : ['pwd'],
    };
  }

  async function accessTokenResponse(
    clientId: string,
    resource: string,
    user: FakeEntraUser | undefined,
  ): Promise<Record<string, unknown>> {
    const client = clients.get(clientId)!;
    const claims = user
      ? { ...userClaims(user), scp: 'user_impersonation', appid: clientId, azp: clientId }
      : {
          idtyp: 'app',
          roles: [],
          oid: client.servicePrincipalId,
          sub: client.servicePrincipalId,
          appid: clientId,
          azp: clientId,
        };
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: user ? `${resource}/user_impersonation` : `${resource}/.default`,
      expires_in: accessLifetime,
      ext_expires_in: accessLifetime,
      access_token: await sign(claims, resource, accessLifetime),
    };
    if (user) {
      const refreshToken = `rt.${randomUUID()}`;
      refreshGrants.set(refreshToken, { clientId, userOid: user.oid, resource });
      body.refresh_token = refreshToken;
    }
    return body;
  }

  async function authenticateClient(form: URLSearchParams, tokenUrl: string): Promise<string> {
    const clientId = form.get('client_id') ?? '';
    const client = clients.get(clientId);
    if (!client)
      throw new TokenError(
        400,
        'unauthorized_client',
        700016,
        `Application ${clientId} not found in tenant.`,
      );
    const secret = form.get('client_secret');
    if (secret !== null) {
      if (!client.secret || secret !== client.secret)
        throw new TokenError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
      return clientId;
    }
    const assertion = form.get('client_assertion');
    if (assertion !== null && form.get('client_assertion_type') === ASSERTION_TYPE) {
      if (!client.certificatePem)
        throw new TokenError(401, 'invalid_client', 700027, 'No certificate registered.');
      const header = decodeProtectedHeader(assertion);
      const thumbprint = certificateThumbprints(client.certificatePem);
      const x5t = header.x5t ?? undefined;
      const x5tS256 = (header as { 'x5t#S256'?: string })['x5t#S256'];
      if (x5t !== thumbprint.sha1 && x5tS256 !== thumbprint.sha256)
        throw new TokenError(401, 'invalid_client', 700027, 'Key was not found (thumbprint).');
      const key = await importX509(client.certificatePem, String(header.alg ?? 'RS256'));
      try {
        const { payload } = await jwtVerify(assertion, key, {
          audience: [tokenUrl, `${authorityHost}/${tenantId}/oauth2/v2.0/token`],
          currentDate: new Date(now()),
          // Entra accepts a few minutes of clock skew on client assertions (MSAL stamps nbf = now).
          clockTolerance: 300,
        });
        if (payload.iss !== clientId || payload.sub !== clientId) throw new Error('iss/sub');
      } catch {
        throw new TokenError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
      }
      return clientId;
    }
    throw new TokenError(
      401,
      'invalid_client',
      7000218,
      'The request body must contain client_secret or client_assertion.',
    );
  }

  function resourceOf(scope: string | null): string {
    const first = (scope ?? '').split(/\s+/).find((s) => s.startsWith('https://'));
    const resource = first?.replace(/\/(\.default|user_impersonation)$/, '');
    if (!resource || !RESOURCES.includes(resource))
      throw new TokenError(400, 'invalid_scope', 70011, `The provided scope ${scope ?? ''} is not valid.`);
    return resource;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const parts = url.pathname.split('/').filter(Boolean);
    if (options.serveUserAssertions && req.method === 'POST' && parts[0] === '_local') {
      await serveUserAssertion(req, res, parts);
      return;
    }
    const tenant = parts[0];
    if (tenant !== tenantId && tenant !== 'organizations' && tenant !== 'common') {
      send(res, 400, {
        error: 'invalid_tenant',
        error_description: `Tenant '${tenant ?? ''}' not found.`,
        error_codes: [90002],
      });
      return;
    }
    const rest = parts.slice(1).join('/');
    if (req.method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') {
      send(res, 200, {
        issuer,
        token_endpoint: `${authorityHost}/${tenantId}/oauth2/v2.0/token`,
        authorization_endpoint: `${authorityHost}/${tenantId}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${authorityHost}/${tenantId}/oauth2/v2.0/logout`,
        jwks_uri: `${baseUrl}/${tenantId}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
        tenant_region_scope: 'NA',
      });
      return;
    }
    if (req.method === 'GET' && rest === 'discovery/v2.0/keys') {
      send(res, 200, { keys: [jwk] });
      return;
    }
    if (req.method === 'POST' && rest === 'oauth2/v2.0/token') {
      const form = new URLSearchParams(await readBody(req));
      const tokenUrl = `${authorityHost}${url.pathname}`;
      const grantType = form.get('grant_type') ?? '';
      const clientId = await authenticateClient(form, tokenUrl);
      if (grantType === 'client_credentials') {
        const resource = resourceOf(form.get('scope'));
        requests.push({ grantType, clientId, scope: form.get('scope') ?? undefined });
        send(res, 200, await accessTokenResponse(clientId, resource, undefined));
        return;
      }
      if (grantType === OBO_GRANT) {
        const resource = resourceOf(form.get('scope'));
        const user = await verifyUserAssertion(form.get('assertion') ?? '', clientId);
        requests.push({ grantType, clientId, scope: form.get('scope') ?? undefined, userOid: user.oid });
        send(res, 200, await accessTokenResponse(clientId, resource, user));
        return;
      }
      if (grantType === 'refresh_token') {
        const grant = refreshGrants.get(form.get('refresh_token') ?? '');
        if (!grant || grant.clientId !== clientId)
          throw new TokenError(400, 'invalid_grant', 70000, 'The refresh token is invalid or expired.');
        const user = users.get(grant.userOid.toLowerCase());
        if (!user) throw new TokenError(400, 'invalid_grant', 50034, 'The user account does not exist.');
        const resource = form.get('scope') ? resourceOf(form.get('scope')) : grant.resource;
        requests.push({ grantType, clientId, scope: form.get('scope') ?? undefined, userOid: user.oid });
        send(res, 200, await accessTokenResponse(clientId, resource, user));
        return;
      }
      throw new TokenError(
        400,
        'unsupported_grant_type',
        70003,
        `The grant type ${grantType} is not supported.`,
      );
    }
    send(res, 404, { error: 'not_found' });
  }

  async function serveUserAssertion(
    req: IncomingMessage,
    res: ServerResponse,
    parts: string[],
  ): Promise<void> {
    const oid = decodeURIComponent(parts[2] ?? '').toLowerCase();
    const user = users.get(oid);
    if (parts[1] !== 'users' || parts[3] !== 'assertion' || parts.length !== 4) {
      send(res, 404, { error: 'not_found' });
      return;
    }
    let audience: unknown;
    try {
      audience = (JSON.parse((await readBody(req)) || '{}') as { audience?: unknown }).audience;
    } catch {
      audience = undefined;
    }
    if (typeof audience !== 'string' || !audience) {
      send(res, 400, { error: 'invalid_request', error_description: 'body needs { "audience": "…" }' });
      return;
    }
    if (!user) {
      send(res, 404, { error: 'user_not_found', error_description: `no user ${oid} in this directory` });
      return;
    }
    send(res, 200, { assertion: await mintAssertion(user, audience) });
  }

  function mintAssertion(user: FakeEntraUser, audience: string): Promise<string> {
    return sign(
      { ...userClaims(user), scp: 'access_as_user', azp: TEAMS_CLIENT_ID, appid: TEAMS_CLIENT_ID },
      audience,
      assertionLifetime,
    );
  }

  async function verifyUserAssertion(assertion: string, clientId: string): Promise<FakeEntraUser> {
    const client = clients.get(clientId)!;
    const audiences = [...(client.ssoAudiences ?? []), clientId];
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(assertion, publicKey, {
        issuer,
        audience: audiences,
        currentDate: new Date(now()),
      }));
    } catch (error) {
      const expired =
        error instanceof Error && /exp/.test(String((error as { claim?: string }).claim ?? error.message));
      throw new TokenError(
        400,
        'invalid_grant',
        expired ? 500133 : 50013,
        expired
          ? 'The assertion is not within its valid time range.'
          : 'Assertion failed signature validation or audience.',
      );
    }
    const user = users.get(String(payload.oid ?? '').toLowerCase());
    if (!user)
      throw new TokenError(400, 'invalid_grant', 50034, 'The user account does not exist in this directory.');
    // The SSO token's own amr is what the user proved at sign-in.
    return { ...user, mfa: Array.isArray(payload.amr) && payload.amr.includes('mfa') };
  }

  return {
    authorityHost,
    baseUrl,
    tenantId,
    issuer,
    jwksUrl: `${baseUrl}/${tenantId}/discovery/v2.0/keys`,
    requests,
    setUser(user) {
      users.set(user.oid.toLowerCase(), user);
    },
    async mintUserAssertion(userOrOid, audience) {
      const user = typeof userOrOid === 'string' ? users.get(userOrOid.toLowerCase()) : userOrOid;
      if (!user) throw new Error(`fake Entra: unknown user ${String(userOrOid)}`);
      users.set(user.oid.toLowerCase(), users.get(user.oid.toLowerCase()) ?? user);
      return mintAssertion(user, audience);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** SHA-1 and SHA-256 thumbprints (base64url, as in JWT x5t / x5t#S256) of a PEM certificate. */
export function certificateThumbprints(certificatePem: string): {
  sha1: string;
  sha256: string;
  sha1Hex: string;
} {
  const der = Buffer.from(
    certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''),
    'base64',
  );
  const sha1 = createHash('sha1').update(der).digest();
  return {
    sha1: sha1.toString('base64url'),
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256: createHash('sha256').update(der).digest('base64url'),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendTokenError(res: ServerResponse, error: TokenError): void {
  send(res, error.status, {
    error: error.error,
    error_description: `AADSTS${error.aadsts}: ${error.message}`,
    error_codes: [error.aadsts],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}
