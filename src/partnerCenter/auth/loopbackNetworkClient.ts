import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * MSAL's network module for the local fake Entra.
 *
 * Why this and not TLS with a test certificate: MSAL only accepts an `https://` authority, and the
 * fake Entra (src/partnerCenter/emulator/entra) is a plain-HTTP loopback server. A TLS listener
 * would need a certificate the Node process trusts (NODE_EXTRA_CA_CERTS is read at start-up only,
 * and MSAL's default client builds its own agents), so the embedded default and the tests would
 * have to generate, install and trust a CA. MSAL instead lets the application supply the
 * transport (`system.networkClient`): this one maps exactly the configured `https://127.0.0.1:<port>`
 * origins to their `http://127.0.0.1:<port>` listeners and refuses every other URL, so the
 * local setup can never reach the internet. Production (a real ENTRA_AUTHORITY_HOST) does not
 * use it: MSAL's own HTTPS client talks to login.microsoftonline.com.
 */
export class LoopbackNetworkClient implements INetworkModule {
  private readonly origins: ReadonlyMap<string, string>;

  /** @param origins https origin (as MSAL sees it) → loopback http origin (where it listens). */
  constructor(origins: Record<string, string>) {
    for (const target of Object.values(origins)) {
      const host = new URL(target).hostname;
      if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]')
        throw new Error(`LoopbackNetworkClient only targets loopback addresses (got ${host})`);
    }
    this.origins = new Map(Object.entries(origins).map(([from, to]) => [new URL(from).origin, to]));
  }

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const parsed = new URL(url);
    const target = this.origins.get(parsed.origin);
    if (!target) throw new Error(`LoopbackNetworkClient: no loopback target for ${parsed.origin}`);
    const response = await fetch(`${target}${parsed.pathname}${parsed.search}`, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? options?.body : undefined,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    return { status: response.status, headers, body: body as T };
  }
}
