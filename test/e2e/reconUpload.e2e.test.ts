import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Attachment } from 'botbuilder';
import { expect } from 'chai';
import { pino } from 'pino';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/domain/clock.js';
import { AttachmentDownloader } from '../../src/attachments/attachmentDownloader.js';
import { DAILY_RATED_USAGE_COLUMNS } from '../../src/features/recon/reconColumns.js';
import { DEFAULT_SYNTHETIC_OPTIONS } from '../../src/features/recon/syntheticRecon.js';
import { generateSyntheticReconFiles } from '../../src/features/recon/syntheticReconFiles.js';
import { LoopbackHttpsServer } from '../support/loopbackHttps.js';
import { FakeConnector, visibleText, type ConnectorCall } from './support/fakeConnector.js';
import { E2E_NOW } from './support/appUnderTest.js';
import { TeamsClient } from './support/teamsClient.js';

const PRICES = 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope';
const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';
const MAX_BYTES = 400_000;
/** A cell value that must never reach the logs (it is in the uploaded files only). */
const SECRET_CELL = 'Tailspin-Confidential-7f3a';

/** The attachment exactly as Teams delivers a file attached in a personal chat. */
function teamsFile(name: string, downloadUrl: string, fileType = 'csv') {
  return {
    contentType: FILE_INFO,
    contentUrl:
      'https://contoso-my.sharepoint.com/personal/alex/Documents/Microsoft%20Teams%20Chat%20Files/x',
    name,
    content: { downloadUrl, uniqueId: '1a2b3c4d-0000-4000-8000-000000000001', fileType },
  };
}

describe('HTTP end to end: a daily rated usage CSV attached in Teams (file download info)', function () {
  this.timeout(60_000);
  let files: LoopbackHttpsServer;
  let app: RunningApp;
  let connector: FakeConnector;
  let client: TeamsClient;
  let dataDir: string;
  let usageCsv: Buffer;
  const logs: string[] = [];
  let conversation = 0;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'recon-e2e-'));
    const generated = await generateSyntheticReconFiles(
      `${PRICES}/fixture_westeurope_small_usd.csv.gz`,
      dataDir,
      {
        ...DEFAULT_SYNTHETIC_OPTIONS,
        targetRows: 300,
      },
    );
    // A recognisable cell in every row, to prove the file's contents never reach the logs.
    usageCsv = Buffer.from(
      (await readFile(generated.usageFile, 'utf8')).replaceAll('rg-', `${SECRET_CELL}-rg-`),
    );
    files = await new LoopbackHttpsServer().start();
    connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const config = loadConfig(
      {
        PORT: '0',
        DATA_DIR: join(dataDir, 'data'),
        PRICE_DATA_DIR: PRICES,
        ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
        ATTACHMENT_TIMEOUT_MS: '300',
      },
      'test',
    );
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    });
    app = await startApp(config, pino({ level: 'trace' }, capture), fixedClock(E2E_NOW), {
      // Same limits as the configuration; only the trust store differs (the test server's own CA).
      attachmentDownloader: new AttachmentDownloader({
        maxBytes: config.ATTACHMENT_MAX_BYTES,
        connectTimeoutMs: config.ATTACHMENT_TIMEOUT_MS,
        readTimeoutMs: config.ATTACHMENT_TIMEOUT_MS,
        agent: files.agent,
      }),
    });
    client = new TeamsClient(app.url, serviceUrl);
  });

  after(async () => {
    await app.close();
    await connector.stop();
    await files.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends one message (with attachments) in a fresh personal chat; returns what the user sees. */
  async function send(
    text: string,
    attachments: Attachment[] = [],
    locale = 'en-US',
  ): Promise<{ texts: string[]; calls: ConnectorCall[]; conversationId: string }> {
    conversation += 1;
    const conversationId = `recon-${conversation}`;
    const response = await client.post(
      client.activity(text, { conversationId, locale, extra: { attachments } }),
    );
    expect(response.status).to.equal(200);
    const calls = await connector.waitFor((all) => {
      const mine = connector.messages(conversationId);
      return mine.length > 0 && all ? mine : undefined;
    });
    return { texts: calls.map((call) => visibleText(call.activity)), calls, conversationId };
  }

  it('reads the attached file over https and answers with the summary, then the customer cards', async () => {
    const url = files.file('/drive/items/july-usage.csv', usageCsv);
    const { calls, texts } = await send('recon', [
      teamsFile('july-usage.csv', url),
      { contentType: 'text/html', content: '<p>recon</p>' },
    ]);
    expect(texts[0]).to.equal('Reading july-usage.csv…');
    const cards = calls
      .slice(1)
      .map((call) => call.activity.attachments?.[0]?.content as { body: unknown[] });
    expect(cards.length).to.be.greaterThan(1);
    expect(texts[1]).to.contain('PEC reconciliation: summary').and.contain('july-usage.csv');
    expect(texts.slice(2).every((text) => text.includes('PEC reconciliation: Synthetic Customer'))).to.equal(
      true,
    );
    // The customers' cards follow in the order the summary lists them.
    const listed = [...texts[1].matchAll(/^- (Synthetic Customer \d+)/gm)].map((m) => m[1]);
    const carded = texts
      .slice(2)
      .map((text) => /PEC reconciliation: (Synthetic Customer \d+)/.exec(text)?.[1]);
    expect(carded).to.deep.equal(listed.slice(0, carded.length));
  });

  it('a CSV dropped without a word is also read (fileType from Teams, any file name)', async () => {
    const url = files.file('/drive/items/export', usageCsv);
    const { texts } = await send('', [teamsFile('Daily rated usage export', url, 'csv')]);
    expect(texts.join('\n')).to.contain('PEC reconciliation: summary');
  });

  it('a connection dropped mid-download: the user is told, and the bot answers the next message', async () => {
    const url = files.dropAfter('/drive/items/cut.csv', usageCsv, 0.4);
    const { texts } = await send('recon', [teamsFile('cut.csv', url)]);
    expect(texts.at(-1)).to.equal(
      'The download of cut.csv was cut off before the end. I do not report on part of a file: attach it again.',
    );
    const next = await send('help');
    expect(next.texts[0]).to.contain('What you can do');
  });

  const refused: Array<[string, string]> = [
    ['an http:// link', 'http://127.0.0.1:9/usage.csv'],
    ['a data: URL', `data:text/csv;base64,${Buffer.from('PartnerId\n').toString('base64')}`],
  ];
  for (const [what, url] of refused) {
    it(`refuses ${what} with a message`, async () => {
      const { texts } = await send('recon', [teamsFile('usage.csv', url)]);
      expect(texts).to.have.length(1);
      expect(texts.at(-1)).to.equal(
        'I only download attachments over https, and the link to usage.csv is not https. Attach the file again in a personal chat with me.',
      );
    });
  }

  it('a file over ATTACHMENT_MAX_BYTES gets a message naming the limit', async () => {
    const url = files.file('/drive/items/huge.csv', Buffer.alloc(MAX_BYTES + 1, 'a'));
    const { texts } = await send('recon', [teamsFile('huge.csv', url)]);
    expect(texts.at(-1)).to.match(/^huge\.csv is larger than 400,000 bytes, the largest file I read\./);
    const korean = await send('대사', [teamsFile('huge.csv', url)], 'ko-KR');
    expect(korean.texts.at(-1)).to.contain('400,000바이트');
  });

  it('a server that never answers times out with a message', async () => {
    files.routes.set('/drive/items/silent.csv', () => undefined);
    const { texts } = await send('recon', [teamsFile('silent.csv', files.url('/drive/items/silent.csv'))]);
    expect(texts.at(-1)).to.equal(
      'Downloading silent.csv took too long, so I stopped. Attach the file again.',
    );
  });

  const expected = `expected columns ${DAILY_RATED_USAGE_COLUMNS.slice(0, 5).join(', ')}, … (55 columns in all)`;
  const notUsage: Array<[string, string | Buffer, string]> = [
    [
      'a wrong CSV (another export)',
      `InvoiceNumber,${SECRET_CELL},Amount\nG001,1,2\n`,
      `found 3 columns: InvoiceNumber, ${SECRET_CELL}, Amount.`,
    ],
    ['an empty file', '', 'found an empty file.'],
    [
      'a binary file (a zipped workbook)',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0, 1, 2, 3]),
      'found binary data, not CSV text.',
    ],
    [
      'a file truncated inside its header',
      DAILY_RATED_USAGE_COLUMNS.slice(0, 20).join(','),
      'found 20 columns: PartnerId, PartnerName, CustomerId, CustomerName, CustomerDomainName, ….',
    ],
    [
      'a file cut off inside a quoted cell',
      `${DAILY_RATED_USAGE_COLUMNS.join(',')}\n"${SECRET_CELL},x`,
      'found text that is not valid CSV from line 2.',
    ],
  ];
  for (const [what, body, found] of notUsage) {
    it(`${what}: "not a daily rated usage file: expected columns …, found …"`, async () => {
      const url = files.file(`/drive/items/${conversation}.csv`, body);
      const { texts } = await send('recon', [teamsFile('upload.csv', url)]);
      expect(texts.at(-1)).to.equal(`upload.csv is not a daily rated usage file: ${expected}, ${found}`);
    });
  }

  const noRows: Array<[string, string, string]> = [
    [
      'only the header',
      `${DAILY_RATED_USAGE_COLUMNS.join(',')}\n`,
      'upload.csv has the daily rated usage columns but no usage rows.',
    ],
    [
      'no readable row',
      `${DAILY_RATED_USAGE_COLUMNS.join(',')}\n${SECRET_CELL},1\n${SECRET_CELL},2\n`,
      'None of the 2 usage rows in upload.csv could be read (the first bad one is line 2).',
    ],
  ];
  for (const [what, body, answer] of noRows) {
    it(`a usage file with ${what} says so, with the line number in the sentence`, async () => {
      const url = files.file(`/drive/items/rows-${conversation}.csv`, body);
      const { texts } = await send('recon', [teamsFile('upload.csv', url)]);
      expect(texts.at(-1)).to.equal(answer);
      const korean = await send('대사', [teamsFile('upload.csv', url)], 'ko-KR');
      expect(korean.texts.at(-1)).not.to.match(/\bline\b/);
    });
  }

  it('a workbook attached instead of the CSV is named by its type', async () => {
    const url = files.file('/drive/items/book.xlsx', 'x');
    const { texts } = await send('recon', [teamsFile('July.xlsx', url, 'xlsx')]);
    expect(texts.at(-1)).to.equal(
      `July.xlsx is not a daily rated usage file: ${expected}, found a file of type XLSX.`,
    );
  });

  it('never writes the file contents or the download URL to the logs', () => {
    const all = logs.join('');
    expect(all).to.contain('recon: report'); // the log capture works
    expect(all).not.to.contain(SECRET_CELL);
    expect(all).not.to.contain('Synthetic Customer');
    expect(all).not.to.contain('/drive/items/');
  });
});
