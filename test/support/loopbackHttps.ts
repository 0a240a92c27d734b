import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * An https file server on 127.0.0.1 with a self-signed certificate made by `openssl` in a temp folder
 * (Node cannot create X.509 certificates itself). `agent` trusts exactly that certificate, so the
 * downloader under test keeps full TLS verification. Routes are set per test.
 */
export class LoopbackHttpsServer {
  readonly routes = new Map<string, Route>();
  readonly agent: Agent;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly certificate: string;
  origin = '';

  constructor() {
    const dir = mkdtempSync(join(tmpdir(), 'loopback-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '2',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
        ],
        { stdio: 'ignore' },
      );
      this.certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      this.server = createServer({ key, cert: this.certificate }, (req, res) => {
        const route = this.routes.get((req.url ?? '').split('?')[0]);
        if (route) route(req, res);
        else {
          res.writeHead(404);
          res.end();
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.agent = new Agent({ ca: this.certificate, keepAlive: false });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.origin = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Serves `body` at `path` (a whole file with its length). */
  file(path: string, body: string | Buffer, contentType = 'text/csv'): string {
    this.routes.set(path, (_req, res) => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
      res.end(bytes);
    });
    return this.url(path);
  }

  /** Announces the whole file, sends the first `fraction` of it, then drops the connection. */
  dropAfter(path: string, body: string | Buffer, fraction = 0.5): string {
    this.routes.set(path, (req, res) => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length * fraction)), () => {
        setImmediate(() => req.socket.destroy());
      });
    });
    return this.url(path);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
