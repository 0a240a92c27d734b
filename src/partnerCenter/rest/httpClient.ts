import { DomainError } from '../../domain/errors.js';
import { paramsFromDescription } from '../../domain/partnerCenter/errorDescriptions.js';

export const PARTNER_CENTER_BASE_URL = 'https://api.partnercenter.microsoft.com/v1';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface PartnerCenterHttpOptions {
  /** Defaults to the public Partner Center API. */
  baseUrl?: string;
  fetch: FetchLike;
  /** App+User access token for https://api.partnercenter.microsoft.com (MCA and upgrade APIs need App+User). */
  getAccessToken: () => Promise<string>;
  /** Correlation id per request (MS-CorrelationId); defaults to none. */
  correlationId?: () => string;
}

export interface HttpResult<T> {
  status: number;
  body: T;
  location: string | null;
}

/**
 * JSON over HTTP to Partner Center. Error bodies `{code, description}` become DomainError with the
 * Partner Center code (e.g. 600061); without a code: 404 → not_found, 401/403 → forbidden,
 * anything else → backend_error (params.httpStatus). The description is not passed on: it is
 * English text, and the bot shows its own localized message per code. Where one code means
 * different things (600002), the meaning decoded from the description goes along as params.reason.
 */
export class PartnerCenterHttp {
  private readonly baseUrl: string;

  constructor(private readonly options: PartnerCenterHttpOptions) {
    this.baseUrl = (options.baseUrl ?? PARTNER_CENTER_BASE_URL).replace(/\/$/, '');
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await this.options.getAccessToken()}`,
      Accept: 'application/json',
      ...extraHeaders,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const correlationId = this.options.correlationId?.();
    if (correlationId) headers['MS-CorrelationId'] = correlationId;

    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await this.options.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new DomainError('backend_unreachable');
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (response.status >= 400) throw toDomainError(response.status, parsed);
    return { status: response.status, body: parsed as T, location: response.headers.get('location') };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

export function toDomainError(status: number, body: unknown): DomainError {
  const code =
    body && typeof body === 'object' && 'code' in body ? (body as { code: unknown }).code : undefined;
  if (typeof code === 'number' || (typeof code === 'string' && code.length > 0)) {
    const description = (body as { description?: unknown }).description;
    return new DomainError(String(code), {
      httpStatus: status,
      ...paramsFromDescription(String(code), description),
    });
  }
  if (status === 404) return new DomainError('not_found', { httpStatus: status });
  if (status === 401 || status === 403) return new DomainError('forbidden', { httpStatus: status });
  return new DomainError('backend_error', { httpStatus: status });
}
