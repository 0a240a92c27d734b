import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';

export interface TokenServiceCall {
  method: string;
  operation: string;
  userId?: string;
  connectionName?: string;
  channelId?: string;
}

/**
 * A fake Bot Framework token service (token.botframework.com) with the endpoints botbuilder's
 * UserTokenClient calls (botframework-connector tokenApi): GET api/usertoken/GetToken,
 * POST api/usertoken/exchange, DELETE api/usertoken/SignOut, GET api/botsignin/GetSignInResource.
 * An exchange accepts an SSO token for `ssoResource` (the bot's Application ID URI) and keeps it
 * as the user's token of the connection; a magic code completes an OAuth card sign-in.
 */
export class FakeTokenService {
  readonly calls: TokenServiceCall[] = [];
  private readonly tokens = new Map<string, string>();
  private readonly codes = new Map<string, { userId: string; token: string }>();
  private server?: Server;
  url = '';

  constructor(private readonly ssoResource: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The user finished the OAuth card sign-in in the browser; Teams will send `code` in verifyState. */
  completeSignIn(userId: string, token: string): string {
    const code = String(100000 + this.codes.size);
    this.codes.set(code, { userId, token });
    return code;
  }

  hasToken(userId: string): boolean {
    return this.tokens.has(userId);
  }

  count(operation: string): number {
    return this.calls.filter((call) => call.operation === operation).length;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const url = new URL(req.url ?? '/', 'http://token.test');
    const q = url.searchParams;
    const userId = q.get('userId') ?? undefined;
    const connectionName = q.get('connectionName') ?? undefined;
    const channelId = q.get('channelId') ?? undefined;
    const operation = url.pathname.replace(/^\/api\//, '');
    this.calls.push({ method: req.method ?? '', operation, userId, connectionName, channelId });
    const body = await readBody(req);
    if (operation === 'usertoken/GetToken') {
      const code = q.get('code');
      if (code && userId && this.codes.get(code)?.userId === userId) {
        this.tokens.set(userId, this.codes.get(code)!.token);
        this.codes.delete(code);
      }
      const token = userId ? this.tokens.get(userId) : undefined;
      if (!token) return { status: 404, body: {} };
      return { status: 200, body: { channelId, connectionName, token, expiration: '2099-01-01T00:00:00Z' } };
    }
    if (operation === 'usertoken/exchange') {
      const token = (JSON.parse(body || '{}') as { token?: string }).token ?? '';
      let audience: unknown;
      try {
        audience = decodeJwt(token).aud;
      } catch {
        audience = undefined;
      }
      if (!userId || audience !== this.ssoResource)
        return { status: 400, body: { error: { code: 'InvalidToken', message: 'not exchangeable' } } };
      this.tokens.set(userId, token);
      return { status: 200, body: { channelId, connectionName, token, expiration: '2099-01-01T00:00:00Z' } };
    }
    if (operation === 'usertoken/SignOut') {
      if (userId) this.tokens.delete(userId);
      return { status: 200, body: {} };
    }
    if (operation === 'botsignin/GetSignInResource') {
      return {
        status: 200,
        body: {
          signInLink: `${this.url}/signin?state=${encodeURIComponent(q.get('state') ?? '')}`,
          tokenExchangeResource: { id: randomUUID(), uri: this.ssoResource, providerId: 'aad' },
        },
      };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: operation } } };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
