import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { resolvePricePaths } from '../../src/priceData/pricePaths.js';
import { FIXTURE_SNAPSHOT } from '../priceData/fixtures.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';

function cacheFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => /^snapshot-.*\.bin$/.test(name)) : [];
}

describe('price snapshot cache folder (PRICE_CACHE_DIR, default under DATA_DIR)', () => {
  let running: AppUnderTest | null = null;
  const folders: string[] = [];
  afterEach(async () => {
    await running?.stop();
    running = null;
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('the bot writes its cache into PRICE_CACHE_DIR when it is set', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'price-cache-'));
    folders.push(cacheDir);
    running = await startAppUnderTest({ PRICE_DATA_DIR: FIXTURE_SNAPSHOT, PRICE_CACHE_DIR: cacheDir });
    expect(cacheFiles(cacheDir)).to.have.length(1);
    expect(cacheFiles(join(running.dataDir, 'cache', 'prices'))).to.deep.equal([]);
  });

  it('without PRICE_CACHE_DIR the cache lives under DATA_DIR, so two bots never share one', async () => {
    running = await startAppUnderTest({ PRICE_DATA_DIR: FIXTURE_SNAPSHOT });
    expect(cacheFiles(join(running.dataDir, 'cache', 'prices'))).to.have.length(1);
  });

  it('PRICE_CACHE_DIR=off writes no cache at all', async () => {
    running = await startAppUnderTest({ PRICE_DATA_DIR: FIXTURE_SNAPSHOT, PRICE_CACHE_DIR: 'off' });
    expect(existsSync(join(running.dataDir, 'cache'))).to.equal(false);
  });

  const settings: [string, Record<string, string>, (root: string) => string | null][] = [
    ['an absolute folder', { PRICE_CACHE_DIR: '/srv/cache' }, () => '/srv/cache'],
    ['"off"', { PRICE_CACHE_DIR: 'off' }, () => null],
    ['"OFF"', { PRICE_CACHE_DIR: 'OFF' }, () => null],
    ['nothing, with DATA_DIR', { DATA_DIR: '/srv/bot-data' }, () => '/srv/bot-data/cache/prices'],
    ['nothing at all (the checkout’s data folder)', {}, (root) => join(root, 'data', 'cache', 'prices')],
  ];
  for (const [what, env, expected] of settings) {
    it(`config and price paths agree for ${what}`, () => {
      const root = '/checkouts/one';
      expect(resolvePricePaths(env, root).cacheDir).to.equal(expected(root));
      expect(
        resolvePricePaths(env, '/checkouts/two').cacheDir === resolvePricePaths(env, root).cacheDir,
      ).to.equal('PRICE_CACHE_DIR' in env || 'DATA_DIR' in env);
    });
  }

  it('the config keeps PRICE_CACHE_DIR (absolute) or "off"', () => {
    expect(loadConfig({ PRICE_CACHE_DIR: '/srv/cache' }).PRICE_CACHE_DIR).to.equal('/srv/cache');
    expect(loadConfig({ PRICE_CACHE_DIR: 'off' }).PRICE_CACHE_DIR).to.equal('off');
    expect(loadConfig({}).PRICE_CACHE_DIR).to.equal(undefined);
  });
});
