import { expect } from 'chai';
import { AccessTokenCache, type ExpiringToken } from '../../../src/partnerCenter/auth/accessTokenCache.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const MINUTE = 60_000;

/** A token source that counts its calls and answers "token-<n>" living `lifetimeMs` from `now`. */
function source(clock: { now: number }, lifetimeMs = 60 * MINUTE) {
  const calls: string[] = [];
  return {
    calls,
    fetch: (key: string) => async (): Promise<ExpiringToken> => {
      calls.push(key);
      return { token: `${key}-token-${calls.length}`, expiresAt: clock.now + lifetimeMs };
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('AccessTokenCache (the token cache in front of MSAL)', () => {
  it('hands a token out again while it is fresh, without fetching', async () => {
    const clock = { now: T0 };
    const cache = new AccessTokenCache({ now: () => clock.now, maxEntries: 10 });
    const s = source(clock);
    const first = await cache.get('a', s.fetch('a'));
    clock.now += 30 * MINUTE;
    expect(await cache.get('a', s.fetch('a'))).to.equal(first);
    expect(s.calls).to.have.length(1);
  });

  it('fetches a new token from 5 minutes before its expiry on (injected clock)', async () => {
    const clock = { now: T0 };
    const cache = new AccessTokenCache({ now: () => clock.now, maxEntries: 10 });
    const s = source(clock);
    const first = await cache.get('a', s.fetch('a'));
    clock.now = T0 + 55 * MINUTE - 1;
    expect(await cache.get('a', s.fetch('a'))).to.equal(first);
    clock.now = T0 + 55 * MINUTE;
    const second = await cache.get('a', s.fetch('a'));
    expect(second).not.to.equal(first);
    expect(s.calls).to.have.length(2);
  });

  it('does not keep a token living less than the renewal offset, nor one without a known expiry', async () => {
    const clock = { now: T0 };
    const cache = new AccessTokenCache({ now: () => clock.now, maxEntries: 10 });
    const short = source(clock, 60_000);
    await cache.get('a', short.fetch('a'));
    await cache.get('a', short.fetch('a'));
    expect(short.calls).to.have.length(2);
    let unknown = 0;
    const noExpiry = async () => ({ token: `t${(unknown += 1)}`, expiresAt: Number.NaN });
    await cache.get('b', noExpiry);
    await cache.get('b', noExpiry);
    expect(unknown).to.equal(2);
  });

  it("renews at the issuer's refreshAt when that comes first", async () => {
    const clock = { now: T0 };
    const cache = new AccessTokenCache({ now: () => clock.now, maxEntries: 10 });
    let n = 0;
    const fetch = async (): Promise<ExpiringToken> => ({
      token: `t${(n += 1)}`,
      expiresAt: clock.now + 60 * MINUTE,
      refreshAt: clock.now + 30 * MINUTE,
    });
    await cache.get('a', fetch);
    clock.now = T0 + 29 * MINUTE;
    expect(await cache.get('a', fetch)).to.equal('t1');
    clock.now = T0 + 30 * MINUTE;
    expect(await cache.get('a', fetch)).to.equal('t2');
  });

  it('delete (a 401) makes the next get fetch a new token', async () => {
    const clock = { now: T0 };
    const cache = new AccessTokenCache({ now: () => clock.now, maxEntries: 10 });
    const s = source(clock);
    const first = await cache.get('a', s.fetch('a'));
    cache.delete('a');
    expect(await cache.get('a', s.fetch('a'))).not.to.equal(first);
  });

  it('keys are separate: one user’s token is never another’s', async () => {
    const clock = { now: T0 };
    const cache = new AccessTokenCache({ now: () => clock.now, maxEntries: 10 });
    const s = source(clock);
    const alex = await cache.get('app+user|partnerCenter|t/alex', s.fetch('alex'));
    const megan = await cache.get('app+user|partnerCenter|t/megan', s.fetch('megan'));
    expect(alex).to.match(/^alex-/);
    expect(megan).to.match(/^megan-/);
    expect(await cache.get('app+user|partnerCenter|t/alex', s.fetch('alex'))).to.equal(alex);
    cache.deleteWhere((key) => key.endsWith('|t/alex'));
    expect(await cache.get('app+user|partnerCenter|t/alex', s.fetch('alex'))).not.to.equal(alex);
    expect(await cache.get('app+user|partnerCenter|t/megan', s.fetch('megan'))).to.equal(megan);
  });

  it('concurrent gets of one key share one fetch', async () => {
    const cache = new AccessTokenCache({ now: () => T0, maxEntries: 10 });
    const gate = deferred<ExpiringToken>();
    let fetches = 0;
    const fetch = () => {
      fetches += 1;
      return gate.promise;
    };
    const all = Promise.all(Array.from({ length: 10 }, () => cache.get('a', fetch)));
    gate.resolve({ token: 'shared', expiresAt: T0 + 60 * MINUTE });
    expect(await all).to.deep.equal(Array(10).fill('shared'));
    expect(fetches).to.equal(1);
  });

  it('a failed fetch reaches every waiting caller and is not kept', async () => {
    const cache = new AccessTokenCache({ now: () => T0, maxEntries: 10 });
    const gate = deferred<ExpiringToken>();
    const waiting = [cache.get('a', () => gate.promise), cache.get('a', () => gate.promise)];
    gate.reject(Object.assign(new Error('mfa'), { code: 'mfa_required' }));
    for (const promise of waiting) {
      const error = await promise.then(
        () => undefined,
        (e: { code?: string }) => e,
      );
      expect(error?.code).to.equal('mfa_required');
    }
    expect(await cache.get('a', async () => ({ token: 'ok', expiresAt: T0 + 60 * MINUTE }))).to.equal('ok');
  });

  it('a fetch under way when the token is dropped is not kept, nor shared with later callers', async () => {
    const cache = new AccessTokenCache({ now: () => T0, maxEntries: 10 });
    const stale = deferred<ExpiringToken>();
    const early = cache.get('a', () => stale.promise);
    cache.delete('a');
    const fresh = cache.get('a', async () => ({ token: 'fresh', expiresAt: T0 + 60 * MINUTE }));
    stale.resolve({ token: 'stale', expiresAt: T0 + 60 * MINUTE });
    expect(await early).to.equal('stale');
    expect(await fresh).to.equal('fresh');
    expect(await cache.get('a', async () => ({ token: 'other', expiresAt: T0 + 60 * MINUTE }))).to.equal(
      'fresh',
    );
  });

  it('keeps at most maxEntries tokens, dropping the least recently used', async () => {
    const clock = { now: T0 };
    const cache = new AccessTokenCache({ now: () => clock.now, maxEntries: 2 });
    const s = source(clock);
    await cache.get('a', s.fetch('a'));
    await cache.get('b', s.fetch('b'));
    await cache.get('a', s.fetch('a')); // a is now the most recently used
    await cache.get('c', s.fetch('c')); // b goes
    expect(cache.size).to.equal(2);
    await cache.get('a', s.fetch('a'));
    await cache.get('b', s.fetch('b'));
    expect(s.calls).to.deep.equal(['a', 'b', 'c', 'b']);
  });
});
