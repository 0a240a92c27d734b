import { generateKeyPairSync, sign, createHmac, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of Bot Framework channel tokens (what Teams' tokens carry in `iss`). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface SigningKeyPair {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid: string): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 JWT signed with `key` (node:crypto only). */
export function signJwt(
  payload: Record<string, unknown>,
  key: SigningKeyPair,
  header: Record<string, unknown> = {},
): string {
  const head = segment({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header });
  const body = segment(payload);
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), key.privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** An unsigned `alg: none` token (must never be accepted). */
export function unsignedJwt(payload: Record<string, unknown>, kid: string): string {
  return `${segment({ alg: 'none', typ: 'JWT', kid })}.${segment(payload)}.`;
}

/** HS256 with the public key as the HMAC secret: the classic algorithm-confusion forgery. */
export function hmacJwtWithPublicKey(payload: Record<string, unknown>, key: SigningKeyPair): string {
  const head = segment({ alg: 'HS256', typ: 'JWT', kid: key.kid });
  const body = segment(payload);
  const secret = key.publicKey.export({ type: 'spki', format: 'pem' });
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/**
 * Serves OpenID metadata and a JWKS on 127.0.0.1 the way login.botframework.com does:
 * `/.well-known/openid-configuration` → `{ jwks_uri }` → `{ keys: [{ kid, kty, n, e, endorsements }] }`.
 */
export class FakeOpenIdServer {
  private server?: Server;
  private base = '';
  requests = 0;

  constructor(
    private readonly keys: readonly SigningKeyPair[],
    private readonly endorsements: readonly string[] = ['msteams'],
  ) {}

  get metadataUrl(): string {
    return `${this.base}/.well-known/openid-configuration`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests += 1;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.base}/keys` }));
      } else if (req.url === '/keys') {
        const keys = this.keys.map((key) => ({
          ...key.publicKey.export({ format: 'jwk' }),
          kid: key.kid,
          use: 'sig',
          endorsements: this.endorsements,
        }));
        res.end(JSON.stringify({ keys }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.metadataUrl;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A loopback URL on which nothing listens (the port was free a moment ago). */
export async function unreachableUrl(path: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}
