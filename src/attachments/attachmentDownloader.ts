import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import { isIP } from 'node:net';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/** Why an attachment could not be downloaded; each has its own message for the user. */
export type DownloadFailureReason =
  'invalidUrl' | 'notHttps' | 'status' | 'tooLarge' | 'timeout' | 'interrupted' | 'unreachable';

/**
 * A download that failed. The message names the reason only: never the URL (Teams download URLs
 * carry a pre-authenticated token) and never the file's content.
 */
export class AttachmentDownloadError extends Error {
  constructor(
    readonly reason: DownloadFailureReason,
    /** The size cap for `tooLarge`, the HTTP status for `status`. */
    readonly limit?: number,
  ) {
    super(`attachment download failed: ${reason}${limit === undefined ? '' : ` (${limit})`}`);
    this.name = 'AttachmentDownloadError';
  }
}

export interface AttachmentDownloadPolicy {
  /** Largest file accepted, in bytes (ATTACHMENT_MAX_BYTES). */
  maxBytes: number;
  /** Time allowed until the response headers arrive (connect, TLS, first byte). */
  connectTimeoutMs: number;
  /** Longest silence while the body streams. */
  readTimeoutMs: number;
  /** Redirects followed (each target is checked like the first URL). */
  maxRedirects?: number;
  /** TLS agent: tests pass one trusting their own CA; production uses Node's default trust store. */
  agent?: HttpsAgent;
  /**
   * Plain http to a loopback address. Only for tests: the production configuration has no setting
   * that turns it on, so there every attachment is fetched over https.
   */
  allowHttpLoopbackForTests?: boolean;
}

export const DEFAULT_DOWNLOAD_TIMEOUTS = { connectTimeoutMs: 15_000, readTimeoutMs: 30_000 } as const;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * Fetches files users attach in Teams (the `downloadUrl` of a file download info attachment):
 * https only, a connect and a read timeout, a size cap, and every network or stream failure turned
 * into an {@link AttachmentDownloadError} on the returned stream (never an unhandled 'error').
 */
export class AttachmentDownloader {
  constructor(readonly policy: AttachmentDownloadPolicy) {}

  /** Throws `invalidUrl` / `notHttps` for a URL this downloader will not fetch. */
  check(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AttachmentDownloadError('invalidUrl');
    }
    if (parsed.protocol === 'https:') return parsed;
    if (parsed.protocol === 'http:' && this.policy.allowHttpLoopbackForTests && isLoopback(parsed.hostname))
      return parsed;
    throw new AttachmentDownloadError('notHttps');
  }

  /**
   * Resolves with the body once the server answered 2xx. The stream ends normally only when the
   * whole file arrived; otherwise it errors with an {@link AttachmentDownloadError}.
   */
  async open(url: string): Promise<Readable> {
    return this.follow(this.check(url), this.policy.maxRedirects ?? 3);
  }

  private follow(url: URL, redirectsLeft: number): Promise<Readable> {
    const { maxBytes, connectTimeoutMs, readTimeoutMs } = this.policy;
    return new Promise<Readable>((resolve, reject) => {
      let settled = false;
      const fail = (error: AttachmentDownloadError) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        reject(error);
      };
      const request =
        url.protocol === 'https:'
          ? httpsRequest(url, { method: 'GET', agent: this.policy.agent })
          : httpRequest(url, { method: 'GET' });
      const connectTimer = setTimeout(() => {
        fail(new AttachmentDownloadError('timeout'));
        request.destroy();
      }, connectTimeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => {
        fail(new AttachmentDownloadError(classify(error)));
      });
      request.on('response', (response: IncomingMessage) => {
        clearTimeout(connectTimer);
        if (settled) {
          response.destroy();
          return;
        }
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          settled = true;
          if (redirectsLeft <= 0) {
            reject(new AttachmentDownloadError('status', status));
            return;
          }
          let next: URL;
          try {
            next = this.check(new URL(location, url).href);
          } catch (error) {
            reject(error);
            return;
          }
          this.follow(next, redirectsLeft - 1).then(resolve, reject);
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          fail(new AttachmentDownloadError('status', status));
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          response.destroy();
          fail(new AttachmentDownloadError('tooLarge', maxBytes));
          return;
        }
        settled = true;
        const body = new SizeCap(maxBytes);
        // Silence longer than the read timeout ends the download.
        response.setTimeout(readTimeoutMs, () => {
          body.destroy(new AttachmentDownloadError('timeout'));
          response.destroy();
        });
        response.on('error', (error: NodeJS.ErrnoException) =>
          body.destroy(
            error instanceof AttachmentDownloadError ? error : new AttachmentDownloadError(classify(error)),
          ),
        );
        // A connection closed before the last byte: 'aborted' (and no 'end').
        response.on('aborted', () => body.destroy(new AttachmentDownloadError('interrupted')));
        response.on('close', () => {
          if (!response.complete && !body.destroyed) body.destroy(new AttachmentDownloadError('interrupted'));
        });
        body.on('close', () => response.destroy());
        // The consumer reads the failure from the stream (its iterator or pipeline rejects with it);
        // this listener only keeps an error that arrives before it starts reading from being uncaught.
        body.on('error', () => undefined);
        response.pipe(body);
        resolve(body);
      });
      request.end();
    });
  }
}

/** Counts bytes and fails the stream as soon as the cap is passed. */
class SizeCap extends Transform {
  private seen = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) {
      done(new AttachmentDownloadError('tooLarge', this.maxBytes));
      return;
    }
    done(null, chunk);
  }
}

function classify(error: NodeJS.ErrnoException): DownloadFailureReason {
  switch (error.code) {
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timeout';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return 'interrupted';
    default:
      return 'unreachable';
  }
}
