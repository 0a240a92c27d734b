import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { reconFeature } from '../../../src/features/recon/reconCommands.js';
import { AttachmentDownloader } from '../../../src/attachments/attachmentDownloader.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { resolvePricePaths } from '../../../src/priceData/pricePaths.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../../../src/features/recon/syntheticRecon.js';
import { generateSyntheticReconFiles } from '../../../src/features/recon/syntheticReconFiles.js';
import { BotHarness, cardOf, silentLogger, textOf } from '../../support/botHarness.js';
import { FakeDirectory, user } from '../../support/fakeDirectory.js';
import { LoopbackHttpsServer } from '../../support/loopbackHttps.js';

const FIXTURE = 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope';
const LEE = user('aad-lee', 'Lee Gu', ['BillingAdmin']);
const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);

describe('recon: PEC earned and lost from a daily rated usage file', function () {
  this.timeout(60_000);
  let prices: PriceService;
  const bot = () => new BotHarness(new FakeDirectory([LEE, MEGAN]), [reconFeature(prices, silentLogger)]);

  before(() => {
    prices = new PriceService({
      paths: resolvePricePaths({ PRICE_DATA_DIR: FIXTURE }),
      clock: fixedClock('2026-11-26T12:00:00Z'),
    });
    prices.load();
  });

  it('recon sample shows one report card per customer, says the data is synthetic and names lost PEC', async () => {
    const replies = await bot().say({ aadObjectId: LEE.aadObjectId }, 'recon sample');
    expect(replies.length).to.be.greaterThan(0);
    const text = replies.map(textOf).join('\n');
    expect(text).to.contain('PEC reconciliation');
    expect(text).to.match(/SYNTHETIC|synthetic/);
  });

  it('recon sample: one summary first (warnings said once), then the customer cards in a stable order', async () => {
    const run = async () =>
      (await bot().say({ aadObjectId: LEE.aadObjectId }, 'recon sample')).map((r) => cardOf(r)!);
    const cards = await run();
    const all = JSON.stringify(cards);
    const [summary, ...customers] = cards.map((card) =>
      textOf({ attachments: [{ contentType: 'x', content: card }] }),
    );
    expect(summary).to.contain('PEC reconciliation: summary');
    expect(customers.length).to.be.within(1, 5);
    expect(all.split('SYNTHETIC test data').length - 1, 'synthetic warning').to.equal(1);
    expect(all.split('could not be read and were skipped').length - 1, 'bad rows warning').to.equal(1);
    const listed = [...summary.matchAll(/^- (Synthetic Customer .+?): /gm)].map((m) => m[1]);
    const titles = customers.map((text) => /PEC reconciliation: (.+)/.exec(text)?.[1]);
    expect(titles).to.deep.equal(listed.slice(0, titles.length));
    // Readable in light and dark themes: warnings in a 'warning' container with a title, no coloured text.
    const warningBox = (cards[0].body as Array<Record<string, unknown>>).find((e) => e.style === 'warning');
    expect(JSON.stringify(warningBox)).to.contain('Before you use these numbers');
    expect(all).not.to.match(/"color":"(Warning|Attention)"/);
    // The same file gives the same cards; only the id of the open report (carried by the buttons) is new.
    const withoutId = (card: Record<string, unknown>) =>
      JSON.stringify(card).replace(/"reportId":"[^"]*"/g, '"reportId":"…"');
    const again = (await run()).map(withoutId);
    expect(again).to.deep.equal(cards.map(withoutId));
  });

  it('reads a CSV a user attached in Teams (downloadUrl) and reports it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recon-upload-'));
    const files = await generateSyntheticReconFiles(`${FIXTURE}/fixture_westeurope_small_usd.csv.gz`, dir, {
      ...DEFAULT_SYNTHETIC_OPTIONS,
      targetRows: 300,
    });
    const server = await new LoopbackHttpsServer().start();
    const url = server.file('/file.csv', await readFile(files.usageFile));
    const downloader = new AttachmentDownloader({
      maxBytes: 10_000_000,
      connectTimeoutMs: 5_000,
      readTimeoutMs: 5_000,
      agent: server.agent,
    });
    try {
      const harness = new BotHarness(new FakeDirectory([LEE, MEGAN]), [
        reconFeature(prices, silentLogger, downloader),
      ]);
      const replies = await harness.say({ aadObjectId: LEE.aadObjectId }, 'recon', {
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'july-usage.csv',
            content: { downloadUrl: url, fileType: 'csv' },
          },
        ],
      });
      const text = replies.map(textOf).join('\n');
      expect(text).to.contain('Reading july-usage.csv');
      expect(text).to.contain('PEC reconciliation');
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is refused to a Sales agent (recon files are billing data)', async () => {
    const [reply] = await bot().say({ aadObjectId: MEGAN.aadObjectId }, 'recon sample');
    expect(reply.text).to.contain('You cannot');
  });
});
