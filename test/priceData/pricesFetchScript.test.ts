import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parseFetchArgs } from '../../src/priceData/fetchArgs.js';
import { repositoryRoot } from '../../src/priceData/pricePaths.js';

const run = promisify(execFile);

/** One page of one real row shape (D2s v3 westeurope), then the end. */
function page() {
  return {
    BillingCurrency: 'USD',
    Count: 1,
    NextPageLink: null,
    Items: [
      {
        currencyCode: 'USD',
        tierMinimumUnits: 0,
        retailPrice: 0.12,
        unitPrice: 0.12,
        armRegionName: 'westeurope',
        location: 'EU West',
        effectiveStartDate: '2026-08-01T00:00:00Z',
        meterId: 'f052e8d7-f936-4165-af21-bf7c12c22216',
        meterName: 'D2s v3',
        productId: 'DZH318Z0BQ50',
        skuId: 'DZH318Z0BQ50/00V9',
        productName: 'Virtual Machines DSv3 Series',
        skuName: 'D2s v3',
        serviceName: 'Virtual Machines',
        serviceId: 'DZH313Z7MMC8',
        serviceFamily: 'Compute',
        unitOfMeasure: '1 Hour',
        type: 'Consumption',
        isPrimaryMeterRegion: true,
        armSkuName: 'Standard_D2s_v3',
      },
    ],
  };
}

describe('npm run prices:fetch honours DATA_DIR and PRICE_CACHE_DIR', () => {
  let server: Server;
  let base = '';
  let dataDir: string;
  before(async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(page()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/retail/prices`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'prices-fetch-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the snapshot to DATA_DIR/prices and its cache to PRICE_CACHE_DIR, not into the checkout', async () => {
    const cacheDir = join(dataDir, 'my-cache');
    const before = existsSync(join(repositoryRoot(), 'data', 'prices', 'manifest.json'));
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/prices-fetch.ts',
        '--region',
        'westeurope',
        '--service',
        'Virtual Machines',
        '--base-url',
        base,
      ],
      {
        cwd: repositoryRoot(),
        env: { ...process.env, DATA_DIR: dataDir, PRICE_CACHE_DIR: cacheDir, PRICE_DATA_DIR: '' },
      },
    );
    expect(readdirSync(join(dataDir, 'prices'))).to.include('manifest.json');
    expect(readdirSync(cacheDir).length).to.be.greaterThan(0);
    expect(existsSync(join(repositoryRoot(), 'data', 'prices', 'manifest.json'))).to.equal(before);
  });

  it('parses the same defaults the bot reads: PRICE_DATA_DIR first, then DATA_DIR/prices', () => {
    expect(parseFetchArgs([], { DATA_DIR: '/srv/bot' }, '/repo')).to.include({
      out: '/srv/bot/prices',
      cacheDir: '/srv/bot/cache/prices',
    });
    expect(
      parseFetchArgs(
        [],
        { DATA_DIR: '/srv/bot', PRICE_DATA_DIR: '/srv/snap', PRICE_CACHE_DIR: 'off' },
        '/repo',
      ),
    ).to.include({
      out: '/srv/snap',
      cacheDir: null,
    });
    expect(parseFetchArgs(['--out', '/tmp/x'], {}, '/repo').out).to.equal('/tmp/x');
  });
});
