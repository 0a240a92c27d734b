import { createPublicKey, type KeyObject } from 'node:crypto';

/** A signing key from an OpenID JWKS, with the channels Bot Framework endorses it for. */
export interface SigningKey {
  key: KeyObject;
  endorsements: readonly string[];
}

export interface OpenIdKeyStoreOptions {
  fetch?: typeof fetch;
  /** Wall-clock milliseconds (token lifetimes are wall-clock, like botbuilder's own check). */
  now?: () => number;
  /** Keys are fetched again after this long. Default 24 h (botbuilder's refresh interval). */
  refreshMs?: number;
  /** A key id not in the set fetches again at most this often, so forged ids cannot hammer the endpoint. */
  unknownKeyRefreshMs?: number;
  /** Each of the two requests (metadata, keys) gives up after this long. Default 5 s. */
  timeoutMs?: number;
}

/** The metadata document or its keys could not be read: tokens cannot be verified (fail closed). */
export class OpenIdMetadataUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenIdMetadataUnavailable';
  }
}

interface Jwk {
  kid?: unknown;
  kty?: unknown;
  n?: unknown;
  e?: unknown;
  endorsements?: unknown;
}

/**
 * The signing keys behind one OpenID metadata URL (`…/.well-known/openid-configuration` →
 * `jwks_uri` → keys), cached per instance. `find` throws OpenIdMetadataUnavailable when the keys
 * are due for a refresh and the endpoint cannot be read: the caller refuses the request.
 */
export class OpenIdKeyStore {
  private keys: ReadonlyMap<string, SigningKey> = new Map();
  private fetchedAt: number | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly refreshMs: number;
  private readonly unknownKeyRefreshMs: number;
  private readonly timeoutMs: number;

  constructor(
    readonly metadataUrl: string,
    options: OpenIdKeyStoreOptions = {},
  ) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.refreshMs = options.refreshMs ?? 24 * 60 * 60 * 1000;
    this.unknownKeyRefreshMs = options.unknownKeyRefreshMs ?? 5 * 60 * 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async find(keyId: string): Promise<SigningKey | undefined> {
    const age = this.fetchedAt === undefined ? Infinity : this.now() - this.fetchedAt;
    if (age >= this.refreshMs || (!this.keys.has(keyId) && age >= this.unknownKeyRefreshMs)) {
      await this.refresh();
    }
    return this.keys.get(keyId);
  }

  /** One refresh at a time: concurrent requests wait for the same fetch. */
  private refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    const metadata = await this.getJson(this.metadataUrl);
    const jwksUri = (metadata as { jwks_uri?: unknown }).jwks_uri;
    if (typeof jwksUri !== 'string') throw new OpenIdMetadataUnavailable('metadata has no jwks_uri');
    const jwks = await this.getJson(jwksUri);
    const list = (jwks as { keys?: unknown }).keys;
    if (!Array.isArray(list)) throw new OpenIdMetadataUnavailable('JWKS has no keys');
    const keys = new Map<string, SigningKey>();
    for (const jwk of list as Jwk[]) {
      if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA') continue;
      if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue;
      try {
        const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
        const endorsements = Array.isArray(jwk.endorsements)
          ? jwk.endorsements.filter((value): value is string => typeof value === 'string')
          : [];
        keys.set(jwk.kid, { key, endorsements });
      } catch {
        // A malformed key is skipped; tokens signed with it are then refused as unknown.
      }
    }
    this.keys = keys;
    this.fetchedAt = this.now();
  }

  private async getJson(url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new OpenIdMetadataUnavailable(
        `${url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!response.ok) throw new OpenIdMetadataUnavailable(`${url}: HTTP ${response.status}`);
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new OpenIdMetadataUnavailable(`${url}: not JSON`);
    }
  }
}
