import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST_FILE } from './snapshotLoader.js';

export const RETAIL_PRICES_URL = 'https://prices.azure.com/api/retail/prices';
export const RETAIL_PRICES_API_VERSION = '2023-01-01-preview';

/** One scoped download: a service in a region (the API's documented filter fields). */
export interface FetchQuery {
  readonly serviceName: string;
  readonly armRegionName: string;
  readonly priceType: string;
}

export interface FetchProgress {
  readonly query: number;
  readonly queries: number;
  readonly filter: string;
  readonly pages: number;
  readonly items: number;
  readonly event: 'page' | 'throttled' | 'retry' | 'done';
  readonly waitMs?: number;
  readonly detail?: string;
}

export interface FetcherOptions {
  readonly outDir: string;
  readonly baseUrl?: string;
  readonly apiVersion?: string;
  readonly currencyCode?: string;
  readonly maxRetries?: number;
  /** Injected so tests run against a local fake and never wait for real. */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onProgress?: (progress: FetchProgress) => void;
  readonly now?: () => Date;
}

interface QueryState {
  filter: string;
  nextLink: string | null;
  pages: number;
  items: number;
  done: boolean;
}

interface Checkpoint {
  startedAt: string;
  queries: QueryState[];
}

export interface FetchResult {
  readonly ok: boolean;
  readonly outDir: string;
  readonly items: number;
  readonly pages: number;
  readonly error: string | null;
}

export class FetchError extends Error {}

const CHECKPOINT_FILE = 'checkpoint.json';

export function filterOf(query: FetchQuery): string {
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  return `serviceName eq ${quote(query.serviceName)} and armRegionName eq ${quote(query.armRegionName)} and priceType eq ${quote(query.priceType)}`;
}

/**
 * Downloads a snapshot from the public Retail Prices API: follows NextPageLink until it is empty,
 * waits on HTTP 429 (honouring retry-after), retries broken pages, keeps a checkpoint after every
 * page so an interrupted run can resume, and only replaces `outDir` once everything has arrived.
 */
export class RetailPricesFetcher {
  private readonly staging: string;
  private readonly baseUrl: string;
  private readonly apiVersion: string;
  private readonly maxRetries: number;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;

  constructor(private readonly options: FetcherOptions) {
    this.staging = `${options.outDir}.partial`;
    this.baseUrl = options.baseUrl ?? RETAIL_PRICES_URL;
    this.apiVersion = options.apiVersion ?? RETAIL_PRICES_API_VERSION;
    this.maxRetries = options.maxRetries ?? 6;
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? (() => new Date());
  }

  /** Runs the queries; with `resume` it continues from the checkpoint of an interrupted run. */
  async run(queries: readonly FetchQuery[], resume = false): Promise<FetchResult> {
    const checkpoint = this.startOrResume(queries, resume);
    let pages = 0;
    let items = 0;
    try {
      for (let index = 0; index < checkpoint.queries.length; index++) {
        const state = checkpoint.queries[index];
        while (!state.done) {
          const url = state.nextLink ?? this.firstPageUrl(state.filter);
          const page = await this.getPage(url, index, checkpoint.queries.length, state);
          if (page === 'end') {
            state.done = true;
            state.nextLink = null;
            this.saveCheckpoint(checkpoint);
            break;
          }
          state.pages++;
          state.items += page.items.length;
          writeFileSync(
            join(
              this.staging,
              `q${String(index).padStart(3, '0')}-p${String(state.pages).padStart(5, '0')}.json`,
            ),
            JSON.stringify({ Items: page.items }),
          );
          state.nextLink = page.nextLink;
          state.done = !page.nextLink;
          this.saveCheckpoint(checkpoint);
          this.options.onProgress?.({
            query: index + 1,
            queries: checkpoint.queries.length,
            filter: state.filter,
            pages: state.pages,
            items: state.items,
            event: state.done ? 'done' : 'page',
          });
        }
        pages += state.pages;
        items += state.items;
      }
    } catch (error) {
      return { ok: false, outDir: this.options.outDir, items, pages, error: (error as Error).message };
    }
    this.publish(checkpoint);
    return { ok: true, outDir: this.options.outDir, items, pages, error: null };
  }

  private firstPageUrl(filter: string): string {
    const params = new URLSearchParams({ 'api-version': this.apiVersion, $filter: filter });
    if (this.options.currencyCode && this.options.currencyCode !== 'USD')
      params.set('currencyCode', `'${this.options.currencyCode}'`);
    return `${this.baseUrl}?${params.toString()}`;
  }

  private async getPage(
    url: string,
    query: number,
    queries: number,
    state: QueryState,
  ): Promise<{ items: unknown[]; nextLink: string | null } | 'end'> {
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      let response: Response;
      try {
        response = await this.fetchFn(url, { headers: { accept: 'application/json' } });
      } catch (error) {
        lastProblem = `network error: ${(error as Error).message}`;
        await this.wait(query, queries, state, 'retry', this.backoff(attempt), lastProblem);
        continue;
      }
      if (response.status === 429) {
        await response.body?.cancel();
        lastProblem = 'HTTP 429';
        await this.wait(
          query,
          queries,
          state,
          'throttled',
          retryAfterMs(response) ?? this.backoff(attempt),
          lastProblem,
        );
        continue;
      }
      // Past a region's end a $skip can answer 400: that is the end of the results, not an error.
      if (response.status === 400 && state.pages > 0) return 'end';
      if (!response.ok) {
        await response.body?.cancel();
        lastProblem = `HTTP ${response.status}`;
        await this.wait(query, queries, state, 'retry', this.backoff(attempt), lastProblem);
        continue;
      }
      const text = await response.text();
      try {
        const body = JSON.parse(text) as { Items?: unknown; NextPageLink?: unknown };
        if (!Array.isArray(body.Items)) throw new Error('no Items array');
        const nextLink =
          typeof body.NextPageLink === 'string' && body.NextPageLink !== '' ? body.NextPageLink : null;
        return { items: body.Items, nextLink };
      } catch (error) {
        lastProblem = `broken page: ${(error as Error).message}`;
        await this.wait(query, queries, state, 'retry', this.backoff(attempt), lastProblem);
      }
    }
    throw new FetchError(
      `${url}: gave up after ${this.maxRetries + 1} attempts (${lastProblem}); run again with --resume`,
    );
  }

  private async wait(
    query: number,
    queries: number,
    state: QueryState,
    event: 'throttled' | 'retry',
    waitMs: number,
    detail: string,
  ) {
    this.options.onProgress?.({
      query: query + 1,
      queries,
      filter: state.filter,
      pages: state.pages,
      items: state.items,
      event,
      waitMs,
      detail,
    });
    await this.sleep(waitMs);
  }

  private backoff(attempt: number): number {
    return Math.min(60_000, 1000 * 2 ** attempt);
  }

  private startOrResume(queries: readonly FetchQuery[], resume: boolean): Checkpoint {
    const file = join(this.staging, CHECKPOINT_FILE);
    if (resume && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
      const filters = queries.map(filterOf);
      if (saved.queries.length === filters.length && saved.queries.every((q, i) => q.filter === filters[i]))
        return saved;
    }
    rmSync(this.staging, { recursive: true, force: true });
    mkdirSync(this.staging, { recursive: true });
    const checkpoint: Checkpoint = {
      startedAt: this.now().toISOString(),
      queries: queries.map((query) => ({
        filter: filterOf(query),
        nextLink: null,
        pages: 0,
        items: 0,
        done: false,
      })),
    };
    this.saveCheckpoint(checkpoint);
    return checkpoint;
  }

  private saveCheckpoint(checkpoint: Checkpoint): void {
    const file = join(this.staging, CHECKPOINT_FILE);
    writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  /** Swaps the finished staging folder in for `outDir` (renames, so readers never see half a snapshot). */
  private publish(checkpoint: Checkpoint): void {
    const manifest = {
      takenAt: checkpoint.startedAt,
      source: `Azure Retail Prices API · ${this.baseUrl} api-version ${this.apiVersion}`,
      queries: checkpoint.queries.map(({ filter, pages, items }) => ({ filter, pages, items })),
    };
    writeFileSync(join(this.staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    rmSync(join(this.staging, CHECKPOINT_FILE), { force: true });
    const out = this.options.outDir;
    const previous = `${out}.previous`;
    mkdirSync(dirname(out), { recursive: true });
    rmSync(previous, { recursive: true, force: true });
    if (existsSync(out)) renameSync(out, previous);
    renameSync(this.staging, out);
    rmSync(previous, { recursive: true, force: true });
  }
}

function retryAfterMs(response: Response): number | null {
  const header =
    response.headers.get('retry-after') ?? response.headers.get('x-ms-ratelimit-retailprices-retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
