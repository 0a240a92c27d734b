import { expect } from 'chai';
import { text } from 'node:stream/consumers';
import {
  AttachmentDownloadError,
  AttachmentDownloader,
  type AttachmentDownloadPolicy,
  type DownloadFailureReason,
} from '../../src/attachments/attachmentDownloader.js';
import { LoopbackHttpsServer } from '../support/loopbackHttps.js';

async function failure(promise: Promise<unknown>): Promise<AttachmentDownloadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AttachmentDownloadError);
    return error as AttachmentDownloadError;
  }
  throw new Error('expected the download to fail');
}

describe('attachment downloader: https only, timeouts, size cap, every stream error handled', function () {
  this.timeout(20_000);
  let server: LoopbackHttpsServer;
  const policy = (extra: Partial<AttachmentDownloadPolicy> = {}): AttachmentDownloadPolicy => ({
    maxBytes: 10_000,
    connectTimeoutMs: 2_000,
    readTimeoutMs: 2_000,
    agent: server.agent,
    ...extra,
  });

  before(async () => {
    server = await new LoopbackHttpsServer().start();
  });
  after(async () => server.stop());

  const refused: Array<[string, string, DownloadFailureReason]> = [
    ['plain http', 'http://127.0.0.1:9/usage.csv', 'notHttps'],
    ['plain http to a public host', 'http://contoso.sharepoint.com/usage.csv', 'notHttps'],
    ['a data: URL', 'data:text/csv;base64,UGFydG5lcklk', 'notHttps'],
    ['a file: URL', 'file:///etc/passwd', 'notHttps'],
    ['no URL at all', 'not a url', 'invalidUrl'],
  ];
  for (const [what, url, reason] of refused) {
    it(`refuses ${what} before any connection (${reason})`, async () => {
      expect((await failure(new AttachmentDownloader(policy()).open(url))).reason).to.equal(reason);
    });
  }

  it('allows http only to loopback and only when a test turns it on', async () => {
    const testOnly = new AttachmentDownloader(policy({ allowHttpLoopbackForTests: true }));
    expect(testOnly.check('http://127.0.0.1:9/x.csv').protocol).to.equal('http:');
    expect(() => testOnly.check('http://example.com/x.csv')).to.throw(AttachmentDownloadError);
  });

  it('downloads a file over https, verifying the server certificate', async () => {
    const url = server.file('/ok.csv', 'PartnerId,PartnerName\n1,2\n');
    const body = await new AttachmentDownloader(policy()).open(url);
    expect(await text(body)).to.equal('PartnerId,PartnerName\n1,2\n');
  });

  it('does not trust a certificate outside the trust store (no test CA given)', async () => {
    const url = server.file('/ok.csv', 'x');
    const error = await failure(new AttachmentDownloader(policy({ agent: undefined })).open(url));
    expect(error.reason).to.equal('unreachable');
  });

  it('refuses a file whose announced size is over the cap, naming the cap', async () => {
    const url = server.file('/big.csv', 'x'.repeat(10_001));
    const error = await failure(new AttachmentDownloader(policy()).open(url));
    expect([error.reason, error.limit]).to.deep.equal(['tooLarge', 10_000]);
  });

  it('stops a file that grows past the cap without announcing its size', async () => {
    server.routes.set('/chunked.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      for (let i = 0; i < 12; i += 1) res.write('y'.repeat(1_000));
      res.end();
    });
    const body = await new AttachmentDownloader(policy()).open(server.url('/chunked.csv'));
    const error = await failure(text(body));
    expect([error.reason, error.limit]).to.deep.equal(['tooLarge', 10_000]);
  });

  it('turns a connection dropped mid-download into an error on the stream (never an uncaught one)', async () => {
    const url = server.dropAfter('/drop.csv', 'z'.repeat(8_000));
    const body = await new AttachmentDownloader(policy()).open(url);
    expect((await failure(text(body))).reason).to.equal('interrupted');
  });

  it('gives up when the server never answers (connect timeout)', async () => {
    server.routes.set('/silent.csv', () => undefined);
    const downloader = new AttachmentDownloader(policy({ connectTimeoutMs: 150 }));
    expect((await failure(downloader.open(server.url('/silent.csv')))).reason).to.equal('timeout');
  });

  it('gives up when the body stops arriving (read timeout)', async () => {
    server.routes.set('/stall.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 5_000 });
      res.write('PartnerId');
    });
    const body = await new AttachmentDownloader(policy({ readTimeoutMs: 150 })).open(
      server.url('/stall.csv'),
    );
    expect((await failure(text(body))).reason).to.equal('timeout');
  });

  it('reports a refused download by its HTTP status', async () => {
    const error = await failure(new AttachmentDownloader(policy()).open(server.url('/missing.csv')));
    expect([error.reason, error.limit]).to.deep.equal(['status', 404]);
  });

  it('follows a redirect only to another https URL', async () => {
    server.file('/target.csv', 'ok');
    server.routes.set('/moved.csv', (_req, res) => {
      res.writeHead(302, { location: '/target.csv' });
      res.end();
    });
    server.routes.set('/downgrade.csv', (_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:9/target.csv' });
      res.end();
    });
    const downloader = new AttachmentDownloader(policy());
    expect(await text(await downloader.open(server.url('/moved.csv')))).to.equal('ok');
    expect((await failure(downloader.open(server.url('/downgrade.csv')))).reason).to.equal('notHttps');
  });
});
