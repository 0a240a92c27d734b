import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging.js';
import { FakeConnector, visibleText } from './support/fakeConnector.js';
import { TeamsClient } from './support/teamsClient.js';
import { E2E_NOW } from './support/appUnderTest.js';
import { FIXTURE_PRICE_DATA, RETAIL_CSV_HEADER } from '../priceData/fixtures.js';

interface Change {
  key: string;
  before: Record<string, string | number>;
  after: Record<string, string | number>;
}

/** Real before/after pairs of the 2026-08-01 monthly update (azure-pricing-radar, MIT). */
const excerpt = JSON.parse(
  readFileSync(`${FIXTURE_PRICE_DATA}price-changes-westeurope-2026-08-01/price_changes_excerpt.json`, 'utf8'),
) as { changed: Change[] };

function snapshotCsv(side: 'before' | 'after', at: string): string {
  const rows = excerpt.changed.map((change) => {
    const [skuId, meterId, type] = change.key.split('|');
    const r = change[side];
    return [
      at,
      'USD',
      'Virtual Machines',
      r.armRegionName,
      skuId.split('/')[0],
      skuId,
      meterId,
      type,
      '',
      r.productName,
      r.skuName,
      r.meterName,
      r.unitOfMeasure,
      r.retailPrice,
      r.unitPrice,
      '',
    ].join(',');
  });
  return `${RETAIL_CSV_HEADER}\n${rows.join('\n')}\n`;
}

describe('HTTP end to end: price-change watch (real 2026-08-01 changes), told once, also across a restart', function () {
  this.timeout(60_000);
  let root: string;
  let snapshotDir: string;
  let connector: FakeConnector;
  let client: TeamsClient;
  let app: RunningApp;
  let serviceUrl = '';

  async function start(): Promise<void> {
    const config = loadConfig(
      {
        PORT: '0',
        DATA_DIR: join(root, 'data'),
        LOG_LEVEL: 'silent',
        PRICE_DATA_DIR: snapshotDir,
        PRICE_CACHE_DIR: 'off',
        PRICE_SNAPSHOT_POLL_SECONDS: '1',
      },
      'test',
    );
    app = await startApp(config, createLogger('silent'), fixedClock(E2E_NOW));
    client = new TeamsClient(app.url, serviceUrl);
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'price-watch-e2e-'));
    snapshotDir = join(root, 'snapshot');
    mkdirSync(snapshotDir);
    writeFileSync(join(snapshotDir, 'prices.csv'), snapshotCsv('before', '2026-07-31T18:00:00Z'));
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    await start();
  });
  after(async () => {
    await app.close();
    await connector.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const texts = (conversationId: string) =>
    connector.messages(conversationId).map((call) => visibleText(call.activity));

  it('watch (en) and 가격 알림 (ko) subscribe the conversation; watches lists them', async () => {
    await client.say('watch NC144dsxlRTX6kv6 west europe', { conversationId: 'watch-en' });
    await client.say('가격 알림 서유럽 NC144dsxlRTX6kv6 윈도우', {
      conversationId: 'watch-ko',
      locale: 'ko-KR',
    });
    expect(texts('watch-en').join('\n')).to.include(
      'I will tell you here when the price of NC144dsxlRTX6kv6 in West Europe changes (now $7.87 per hour)',
    );
    expect(texts('watch-ko').join('\n')).to.include(
      '서유럽 NC144dsxlRTX6kv6 (윈도우) 가격이 바뀌면 여기에서 알려 드리겠습니다(현재 시간당 US$14.494)',
    );
    await client.say('watches', { conversationId: 'watch-en' });
    expect(texts('watch-en').at(-1)).to.include('1. NC144dsxlRTX6kv6 in West Europe: $7.87 per hour');
  });

  it('a new snapshot with the changed price sends one proactive message: old → new and the change in percent', async () => {
    const staging = join(root, 'staging');
    mkdirSync(staging);
    writeFileSync(join(staging, 'prices.csv'), snapshotCsv('after', '2026-08-01T06:00:00Z'));
    renameSync(snapshotDir, join(root, 'old-snapshot'));
    renameSync(staging, snapshotDir);
    const en = await connector.waitFor(() => texts('watch-en').find((text) => text.includes('Price change')));
    expect(en).to.equal(
      'Price change: NC144dsxlRTX6kv6 in West Europe went from $7.87 to $9.129 per hour (+16%), prices as of Aug 1, 2026.',
    );
    const ko = await connector.waitFor(() => texts('watch-ko').find((text) => text.includes('가격 변경')));
    expect(ko).to.equal(
      '가격 변경: 서유럽 NC144dsxlRTX6kv6 (윈도우) 가격이 시간당 US$14.494에서 US$15.753(으)로 바뀌었습니다(+8.7%, 2026년 8월 1일 기준).',
    );
  });

  it('after a restart the same change is not told again, and the watch compares against the new price', async () => {
    await app.close();
    await start();
    await client.say('watches', { conversationId: 'watch-en' });
    await client.say('unwatch 1', { conversationId: 'watch-en' });
    const all = texts('watch-en');
    expect(all.filter((text) => text.includes('Price change'))).to.have.length(1);
    expect(all.at(-2)).to.include('1. NC144dsxlRTX6kv6 in West Europe: $9.129 per hour (as of Aug 1, 2026)');
    expect(all.at(-1)).to.equal('Stopped watching NC144dsxlRTX6kv6 in West Europe.');
  });
});
