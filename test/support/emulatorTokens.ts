import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import type { TrustedIssuer } from '../../src/partnerCenter/emulator/auth.js';

export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
export const ARM_AUDIENCE = 'https://management.azure.com';
export const TEST_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const TEST_APP_ID = '6f1d2a4e-3c55-4b8e-9d21-0c7a5b8e4f10';
export const TEST_APP_OBJECT_ID = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
/** Alex Wilber, the seed's global admin. */
export const TEST_USER_OBJECT_ID = '00000000-0000-0000-0000-0000000000020';

export interface TokenOptions {
  audience?: string;
  /** Seconds from `now` until exp (negative = already expired). Default 3600. */
  expiresInSeconds?: number;
  /** Seconds from `now` until nbf (positive = not yet valid). Default 0. */
  notBeforeSeconds?: number;
  /** App+User only: include "mfa" in amr (default true). */
  mfa?: boolean;
  objectId?: string;
  upn?: string;
}

/**
 * Test issuer for the Partner Center emulator: an RSA key pair, its JWKS served on loopback
 * (`jwksUrl`) and tokens per the claims contract (PREAMBLE.md): RS256, iss `<base>/<tenant>/v2.0`,
 * aud, tid, exp/nbf/iat, appid + azp; App-only `idtyp: "app"`, `roles: []`, oid = the app's
 * service principal; App+User `idtyp: "user"`, `scp: "user_impersonation"`, oid, upn, amr.
 * `now` should be the emulator's clock, so expiry is checked against the same time.
 */
export class EmulatorTokens {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly kid: string,
    readonly jwks: JSONWebKeySet,
    readonly issuer: string,
    readonly jwksUrl: string,
    private readonly server: Server,
    private readonly now: () => Date,
  ) {}

  static async start(now: () => Date = () => new Date()): Promise<EmulatorTokens> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = 'emulator-test-key';
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const jwks: JSONWebKeySet = { keys: [jwk] };
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new EmulatorTokens(
      privateKey,
      kid,
      jwks,
      `${base}/${TEST_TENANT_ID}/v2.0`,
      `${base}/${TEST_TENANT_ID}/discovery/v2.0/keys`,
      server,
      now,
    );
  }

  /** What to give the emulator as `trustedIssuers`. */
  get trustedIssuer(): TrustedIssuer {
    return { issuer: this.issuer, jwksUrl: this.jwksUrl };
  }

  appOnly(options: TokenOptions = {}): Promise<string> {
    return this.sign({ idtyp: 'app', roles: [], oid: options.objectId ?? TEST_APP_OBJECT_ID }, options);
  }

  appUser(options: TokenOptions = {}): Promise<string> {
    return this.sign(
      {
        idtyp: 'user',
        scp: 'user_impersonation',
        oid: options.objectId ?? TEST_USER_OBJECT_ID,
        upn: options.upn ?? 'AlexW@contosocloudpartners.onmicrosoft.com',
        name: 'Alex Wilber',
        amr: options.mfa === false ? ['pwd'] : ['pwd', 'mfa'],
      },
      options,
    );
  }

  /** Same claims, signed by a key the issuer never published. */
  async forged(options: TokenOptions = {}): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256');
    return this.sign({ idtyp: 'app', roles: [], oid: TEST_APP_OBJECT_ID }, options, privateKey);
  }

  private async sign(
    claims: Record<string, unknown>,
    options: TokenOptions,
    key = this.privateKey,
  ): Promise<string> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({ ...claims, tid: TEST_TENANT_ID, appid: TEST_APP_ID, azp: TEST_APP_ID })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(options.audience ?? PARTNER_CENTER_AUDIENCE)
      .setSubject(String(claims.oid))
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds + (options.notBeforeSeconds ?? 0))
      .setExpirationTime(nowSeconds + (options.expiresInSeconds ?? 3600))
      .sign(key);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
