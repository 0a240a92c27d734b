import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { RetailPricesFetcher, type FetchProgress } from '../../src/priceData/retailPricesFetcher.js';
import { loadSnapshotFolder } from '../../src/priceData/snapshotLoader.js';

function item(region: string, n: number) {
  return {
    currencyCode: 'USD',
    tierMinimumUnits: 0,
    retailPrice: 0.1 + n / 1000,
    unitPrice: 0.1 + n / 1000,
    armRegionName: region,
    location: 'EU West',
    effectiveStartDate: '2026-08-01T00:00:00Z',
    meterId: `meter-${region}-${n}`,
    meterName: `D${n}s v5`,
    productId: 'DZH318Z0TEST',
    skuId: `DZH318Z0TEST/${n}`,
    productName: 'Virtual Machines Dsv5 Series',
    skuName: `D${n}s v5`,
    serviceName: 'Virtual Machines',
    serviceId: 'DZH313Z7MMC8',
    serviceFamily: 'Compute',
    unitOfMeasure: '1 Hour',
    type: 'Consumption',
    isPrimaryMeterRegion: true,
    armSkuName: `Standard_D${n}s_v5`,
  };
}

/** A local fake of the Retail Prices API: pages of 2 items per region, scripted 429s and broken pages. */
class FakeRetailApi {
  readonly requests: string[] = [];
  /** "region:skip" → what to answer instead of the page, consumed in order. */
  readonly script = new Map<string, ('429' | 'broken' | '500')[]>();
  private server: Server | null = null;
  base = '';

  constructor(private readonly itemsPerRegion: Record<string, number>) {}

  async start(): Promise<void> {
    // Never chain on writeHead(): restify (loaded by other tests in the same run) patches
    // ServerResponse.prototype.writeHead so that it no longer returns the response.
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.base);
      const filter = url.searchParams.get('$filter') ?? '';
      const region = /armRegionName eq '([^']+)'/.exec(filter)?.[1] ?? '';
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      this.requests.push(`${region}:${skip}`);
      const scripted = this.script.get(`${region}:${skip}`)?.shift();
      if (scripted === '429') {
        res.writeHead(429, { 'retry-after': '7' });
        res.end('Too many requests');
        return;
      }
      if (scripted === '500') {
        res.writeHead(500);
        res.end('oops');
        return;
      }
      if (scripted === 'broken') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"Items": [ {"currencyCode": "US');
        return;
      }
      const total = this.itemsPerRegion[region] ?? 0;
      const items = Array.from({ length: Math.max(0, Math.min(2, total - skip)) }, (_, i) =>
        item(region, skip + i + 1),
      );
      const next =
        skip + 2 < total
          ? `${this.base}/api/retail/prices?$filter=${encodeURIComponent(filter)}&$skip=${skip + 2}`
          : null;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ BillingCurrency: 'USD', Items: items, NextPageLink: next, Count: items.length }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe('Retail Prices fetcher (against a local fake API)', () => {
  const queries = [
    { serviceName: 'Virtual Machines', armRegionName: 'westeurope', priceType: 'Consumption' },
    { serviceName: 'Virtual Machines', armRegionName: 'northeurope', priceType: 'Consumption' },
  ];
  let api: FakeRetailApi;
  let waits: number[];
  const progress: FetchProgress[] = [];

  beforeEach(async () => {
    api = new FakeRetailApi({ westeurope: 5, northeurope: 3 });
    await api.start();
    waits = [];
    progress.length = 0;
  });
  afterEach(() => api.stop());

  function fetcher(outDir: string, maxRetries = 3) {
    return new RetailPricesFetcher({
      outDir,
      baseUrl: `${api.base}/api/retail/prices`,
      maxRetries,
      sleep: async (ms) => {
        waits.push(ms);
      },
      onProgress: (p) => progress.push(p),
      now: () => new Date('2026-11-26T12:00:00Z'),
    });
  }

  it('follows NextPageLink, waits out a 429 as retry-after says, retries a broken page, and writes a loadable snapshot', async () => {
    api.script.set('westeurope:2', ['429']);
    api.script.set('northeurope:2', ['broken']);
    const out = join(mkdtempSync(join(tmpdir(), 'fetch-')), 'prices');
    const result = await fetcher(out).run(queries);
    expect(result).to.deep.include({ ok: true, items: 8, pages: 5, error: null });
    expect(waits[0]).to.equal(7000);
    expect(api.requests).to.deep.equal([
      'westeurope:0',
      'westeurope:2',
      'westeurope:2',
      'westeurope:4',
      'northeurope:0',
      'northeurope:2',
      'northeurope:2',
    ]);
    expect(progress.some((p) => p.event === 'throttled')).to.equal(true);
    expect(progress.filter((p) => p.event === 'done').map((p) => p.items)).to.deep.equal([5, 3]);
    expect(existsSync(`${out}.partial`)).to.equal(false);
    const { catalog, report } = loadSnapshotFolder(out);
    expect(report).to.deep.include({ ok: true, accepted: 8, skipped: 0 });
    expect(catalog?.meta.takenAt).to.equal('2026-11-26T12:00:00.000Z');
    expect(catalog?.regions()).to.deep.equal(['northeurope', 'westeurope']);
  });

  it('stops on a page that stays broken, keeps the old snapshot, and resumes from the checkpoint', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fetch-')), 'prices');
    await fetcher(out).run(queries.slice(0, 1));
    const before = readdirSync(out).sort();
    api.script.set('northeurope:2', ['broken', 'broken', '500', 'broken']);
    const failed = await fetcher(out, 3).run(queries);
    expect(failed.ok).to.equal(false);
    expect(failed.error).to.match(/gave up after 4 attempts.*--resume/);
    expect(readdirSync(out).sort()).to.deep.equal(before);
    api.requests.length = 0;
    const resumed = await fetcher(out).run(queries, true);
    expect(resumed).to.deep.include({ ok: true, items: 8 });
    // Nothing already downloaded is fetched again.
    expect(api.requests).to.deep.equal(['northeurope:2']);
    expect(loadSnapshotFolder(out).report.accepted).to.equal(8);
  });
});
