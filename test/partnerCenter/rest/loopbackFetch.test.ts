import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLoopbackFetch, LoopbackTimeoutError } from '../../../src/partnerCenter/rest/loopbackFetch.js';
import type { FetchLike } from '../../../src/partnerCenter/rest/httpClient.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socketPort: number;
}

describe('loopback fetch (node:http keep-alive for the local emulator)', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  const fallbackCalls: string[] = [];
  const fallback: FetchLike = async (url) => {
    fallbackCalls.push(url);
    return { status: 204, headers: { get: () => null }, text: async () => '' };
  };
  let fetch: ReturnType<typeof createLoopbackFetch>;

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          socketPort: req.socket.remotePort ?? 0,
        });
        if (req.url === '/hang') return; // never answers
        if (req.url === '/stream') {
          res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
          res.write('part1,');
          res.end('part2');
          return;
        }
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8', Location: '/v1/x/1' });
        res.end(JSON.stringify({ ok: true, echo: Buffer.concat(chunks).toString('utf8') }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fetch = createLoopbackFetch(fallback);
  });
  after(async () => {
    fetch.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });
  beforeEach(() => {
    seen.length = 0;
    fallbackCalls.length = 0;
  });

  it('sends method, headers and body; answers status, headers (any case, repeated ones joined) and text', async () => {
    const response = await fetch(`${base}/v1/customers?size=5`, {
      method: 'POST',
      headers: { 'MS-CorrelationId': 'c-1', 'Content-Type': 'application/json' },
      body: '{"név":"é"}',
    });
    expect(response.status).to.equal(201);
    expect(response.headers.get('location')).to.equal('/v1/x/1');
    expect(response.headers.get('Content-Type')).to.equal('application/json; charset=utf-8');
    expect(response.headers.get('set-cookie')).to.equal('a=1, b=2');
    expect(response.headers.get('retry-after')).to.equal(null);
    expect(JSON.parse(await response.text())).to.deep.equal({ ok: true, echo: '{"név":"é"}' });
    expect(seen[0]).to.deep.include({ method: 'POST', url: '/v1/customers?size=5', body: '{"név":"é"}' });
    expect(seen[0]!.headers['ms-correlationid']).to.equal('c-1');
    expect(seen[0]!.headers['content-length']).to.equal(String(Buffer.byteLength('{"név":"é"}')));
  });

  it('sequential requests reuse one connection', async () => {
    for (let i = 0; i < 3; i += 1)
      await (await fetch(`${base}/v1/customers`, { method: 'GET', headers: {} })).text();
    expect(new Set(seen.map((s) => s.socketPort)).size).to.equal(1);
  });

  it('hands a body over as a stream when asked for one', async () => {
    const response = await fetch(`${base}/stream`, { method: 'GET', headers: {} });
    const reader = response.body!.getReader();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    expect(text).to.equal('part1,part2');
  });

  it('an aborted signal rejects the request', async () => {
    const controller = new AbortController();
    controller.abort(new Error('attempt timeout'));
    const error = await fetch(`${base}/v1/customers`, {
      method: 'GET',
      headers: {},
      signal: controller.signal,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal('attempt timeout');
  });

  it('exchange: a server that does not answer in time is abandoned with a timeout error', async () => {
    const error = await fetch.exchange(`${base}/hang`, { method: 'GET', headers: {} }, 30).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).to.be.instanceOf(LoopbackTimeoutError);
    // The timer ends with the exchange: a quick answer is not cut off later.
    const response = await fetch.exchange(`${base}/v1/customers`, { method: 'GET', headers: {} }, 60_000);
    expect(JSON.parse(await response.text())).to.deep.include({ ok: true });
  });

  it('anything but plain-HTTP loopback goes to the fallback (the global fetch)', async () => {
    await fetch('https://api.partnercenter.microsoft.com/v1/customers', { method: 'GET', headers: {} });
    await fetch('http://example.test:8080/v1/customers', { method: 'GET', headers: {} });
    expect(fallbackCalls).to.deep.equal([
      'https://api.partnercenter.microsoft.com/v1/customers',
      'http://example.test:8080/v1/customers',
    ]);
    expect(seen).to.have.length(0);
  });
});
