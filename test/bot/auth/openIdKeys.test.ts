import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { OpenIdKeyStore, OpenIdMetadataUnavailable } from '../../../src/bot/auth/openIdKeys.js';

const HOUR = 60 * 60 * 1000;

/** A fetch over an in-memory OpenID endpoint, counting requests; `down` makes it unreachable. */
function fakeEndpoint() {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const state = { requests: 0, down: false };
  const fetcher = (async (input: string | URL | Request) => {
    state.requests += 1;
    if (state.down) throw new TypeError('fetch failed');
    const url = String(input);
    const body = url.endsWith('/openid-configuration')
      ? { jwks_uri: 'http://127.0.0.1/keys' }
      : { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', endorsements: ['msteams', 7] }] };
    return new Response(JSON.stringify(body), { status: 200 });
  }) as typeof fetch;
  return { state, fetcher };
}

describe('OpenIdKeyStore (signing keys behind an OpenID metadata URL)', () => {
  it('finds a served key with its endorsements and caches the set', async () => {
    const { state, fetcher } = fakeEndpoint();
    let now = 0;
    const store = new OpenIdKeyStore('http://127.0.0.1/.well-known/openid-configuration', {
      fetch: fetcher,
      now: () => now,
    });
    const key = await store.find('k1');
    expect(key?.endorsements).to.deep.equal(['msteams']);
    now += HOUR;
    await store.find('k1');
    expect(state.requests).to.equal(2); // metadata + keys, once
  });

  it('an unknown key id refreshes at most once per 5 minutes (forged ids cannot hammer the endpoint)', async () => {
    const { state, fetcher } = fakeEndpoint();
    let now = 0;
    const store = new OpenIdKeyStore('http://127.0.0.1/.well-known/openid-configuration', {
      fetch: fetcher,
      now: () => now,
    });
    for (let i = 0; i < 20; i += 1) expect(await store.find(`forged-${i}`)).to.equal(undefined);
    expect(state.requests).to.equal(2);
    now += 5 * 60 * 1000;
    await store.find('forged-again');
    expect(state.requests).to.equal(4);
  });

  it('fails closed: unreachable at first use, and again when the cached keys are due for refresh', async () => {
    const { state, fetcher } = fakeEndpoint();
    let now = 0;
    const store = new OpenIdKeyStore('http://127.0.0.1/.well-known/openid-configuration', {
      fetch: fetcher,
      now: () => now,
    });
    state.down = true;
    const first = await store.find('k1').catch((error: unknown) => error);
    expect(first).to.be.instanceOf(OpenIdMetadataUnavailable);
    state.down = false;
    expect(await store.find('k1')).to.not.equal(undefined);
    state.down = true;
    now += 24 * HOUR;
    const stale = await store.find('k1').catch((error: unknown) => error);
    expect(stale).to.be.instanceOf(OpenIdMetadataUnavailable);
  });
});
