import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { FetchLike } from './httpClient.js';

type FetchInit = Parameters<FetchLike>[1];
type FetchResponse = Awaited<ReturnType<FetchLike>>;

/**
 * A FetchLike over node:http with one keep-alive agent, for plain-HTTP loopback URLs only (the
 * Partner Center emulator, in this process or beside it); every other URL goes to `fallback`
 * (the global fetch: TLS, redirects, compression for the real service).
 *
 * Why: the WHATWG fetch of Node (undici) costs several times more CPU per request than the HTTP
 * exchange itself (Request/Response/Headers objects, web streams, per-request abort plumbing) —
 * the largest part of a Partner Center call against a local emulator once tokens are cached.
 * A loopback emulator never redirects or compresses, so nothing fetch would do is lost: status,
 * headers (case-insensitive, repeated ones joined with ", " as fetch does), the body as text or as
 * a stream, and the abort signal (the attempt timeout) behave as with fetch. `exchange` is the
 * same with a plain timer for the timeout (what the REST client uses for loopback URLs).
 */
export type LoopbackFetch = FetchLike & {
  /** True for the URLs this one sends itself (plain-HTTP loopback). */
  handles(url: string): boolean;
  /**
   * Sends a request to a loopback URL with a plain timer instead of an AbortSignal: after
   * `timeoutMs` (until the body is read) the exchange is abandoned and fails with a
   * LoopbackTimeoutError. A per-call AbortSignal.timeout costs more than the rest of the exchange.
   */
  exchange(url: string, init: Omit<FetchInit, 'signal'>, timeoutMs: number): Promise<FetchResponse>;
  close(): void;
};

/** An exchange abandoned after its timeout (LoopbackFetch.exchange). */
export class LoopbackTimeoutError extends Error {
  constructor() {
    super('attempt timeout');
    this.name = 'LoopbackTimeoutError';
  }
}

export function createLoopbackFetch(fallback: FetchLike): LoopbackFetch {
  // No cap on connections, as with fetch; idle ones are kept (and unref'd) for the next call.
  const agent = new Agent({ keepAlive: true, scheduling: 'lifo' });
  const loopbackFetch = (url: string, init: FetchInit): Promise<FetchResponse> => {
    if (!isLoopbackHttp(url)) return fallback(url, init);
    return send(agent, url, init, undefined);
  };
  return Object.assign(loopbackFetch, {
    handles: isLoopbackHttp,
    exchange: (url: string, init: Omit<FetchInit, 'signal'>, timeoutMs: number) =>
      send(agent, url, init, timeoutMs),
    close: () => agent.destroy(),
  });
}

function isLoopbackHttp(url: string): boolean {
  return (
    url.startsWith('http://127.0.0.1:') ||
    url.startsWith('http://localhost:') ||
    url.startsWith('http://[::1]:')
  );
}

function send(
  agent: Agent,
  url: string,
  init: FetchInit,
  timeoutMs: number | undefined,
): Promise<FetchResponse> {
  const { signal } = init;
  return new Promise<FetchResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    // node:http copies the headers it is given (the caller's object is left as it is).
    const headers =
      init.body === undefined
        ? init.headers
        : { ...init.headers, 'Content-Length': String(Buffer.byteLength(init.body)) };
    const req = httpRequest(url, { method: init.method, headers, agent });
    const onAbort = signal ? () => req.destroy(abortError(signal)) : undefined;
    if (onAbort) signal!.addEventListener('abort', onAbort, { once: true });
    // Unref'd like AbortSignal.timeout's timer: the open request keeps the process alive, not this.
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => req.destroy(new LoopbackTimeoutError()), timeoutMs).unref();
    const done = () => {
      if (onAbort) signal!.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    };
    req.once('error', (error) => {
      done();
      reject(error);
    });
    req.once('response', (res) => {
      // The signal still covers reading the body (as with fetch); it is released once read.
      res.once('end', done);
      res.once('close', done);
      resolve(responseOf(res));
    });
    req.end(init.body);
  });
}

function responseOf(res: IncomingMessage): FetchResponse {
  let consumed = false;
  const take = () => {
    if (consumed) throw new TypeError('Body is unusable: Body has already been read');
    consumed = true;
  };
  let stream: ReadableStream<Uint8Array> | undefined;
  return {
    status: res.statusCode ?? 0,
    headers: {
      get(name: string): string | null {
        const value = res.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : String(value);
      },
    },
    text(): Promise<string> {
      take();
      return new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.once('error', reject);
        res.once('aborted', () => reject(new TypeError('terminated')));
      });
    },
    get body() {
      if (!stream) {
        take();
        stream = Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>;
      }
      return stream;
    },
  };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}
