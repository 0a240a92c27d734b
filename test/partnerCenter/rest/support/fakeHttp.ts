import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AuthKind,
  PartnerCenterTokens,
  TokenResource,
} from '../../../../src/partnerCenter/auth/tokens.js';
import type { CallUser } from '../../../../src/partnerCenter/callContext.js';

export interface SeenRequest {
  method: string;
  /** Path and query, e.g. /v1/customers?size=500 */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroys the connection without an answer (ECONNRESET at the client). */
  | 'reset'
  /** Never answers (the client's timeout fires). */
  | 'hang';

/** Answers per "METHOD /path" (no query); a list is used one answer per request, the last one repeats. */
export type Routes = Record<string, Answer | Answer[] | ((request: SeenRequest) => Answer)>;

export interface FakeServer {
  baseUrl: string;
  origin: string;
  seen: SeenRequest[];
  /** Requests that reached a route with an answer other than reset/hang and status < 400 ("effects"). */
  effects: (key: string) => number;
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1, port 0, for the REST client tests. */
export async function fakeServer(routes: Routes): Promise<FakeServer> {
  const seen: SeenRequest[] = [];
  const counters = new Map<string, number>();
  const effects = new Map<string, number>();
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const request: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    seen.push(request);
    const key = `${request.method} ${request.url.split('?')[0]}`;
    const route = routes[key];
    const index = counters.get(key) ?? 0;
    counters.set(key, index + 1);
    const answer: Answer =
      route === undefined
        ? { status: 404 }
        : typeof route === 'function'
          ? route(request)
          : Array.isArray(route)
            ? route[Math.min(index, route.length - 1)]
            : route;
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    if (answer === 'hang') {
      hanging.add(res);
      return;
    }
    if (answer.status < 400) effects.set(key, (effects.get(key) ?? 0) + 1);
    res.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    seen,
    effects: (key) => effects.get(key) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** PartnerCenterTokens for tests: token text names kind, resource, user and a version bumped by invalidate. */
export class FakeTokens implements PartnerCenterTokens {
  readonly requested: Array<{ kind: AuthKind; resource: TokenResource; user?: CallUser }> = [];
  readonly invalidated: Array<{ kind: AuthKind; resource: TokenResource }> = [];
  private version = 1;

  async getToken(kind: AuthKind, resource: TokenResource, user?: CallUser): Promise<string> {
    this.requested.push({ kind, resource, ...(user ? { user } : {}) });
    return `${kind}.${resource}.${user?.aadObjectId ?? 'app'}.v${this.version}`;
  }

  invalidate(kind: AuthKind, resource: TokenResource): void {
    this.invalidated.push({ kind, resource });
    this.version += 1;
  }
}

/** A sleep that returns at once and records the delays asked for. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}
