import pLimit from 'p-limit';
import type { Agreement } from '../agreements/agreement.js';
import {
  mcaStateOf,
  type BoardRow,
  type EnhancedAttestation,
  type McaState,
} from '../agreements/enhancedAttestation.js';
import { mcaAcceptance, type McaAcceptance } from '../agreements/mcaAcceptance.js';
import type { Clock } from '../clock.js';
import type { Customer } from '../customers/customer.js';
import { isDomainError } from '../errors.js';
import type { EnhancedAttestationPort, PartnerCenter } from '../partnerCenter/port.js';
import type { UpgradeStatusValue } from '../transition/productUpgrade.js';
import { INDEX_PAGE_SIZE } from './customerIndex.js';

/** What the MCA state of a customer is worked out from (mcaStateOf's input). */
export interface McaInputs {
  agreements: Agreement[];
  directlySigned: boolean;
  attestations: EnhancedAttestation[];
}

/** The customer's product upgrade (transition) as a list row shows it; null = none started. */
export type IndexedUpgrade = { id: string; status: UpgradeStatusValue } | null;

/** One customer in the index. */
export interface McaIndexEntry {
  customer: Customer;
  mca: McaInputs;
  /** The upgrade, or undefined when the index does not know it (its read failed). */
  upgrade: IndexedUpgrade | undefined;
  readAt: Date;
}

export interface McaIndexProgress {
  /** Customers of the list whose state is known. */
  checked: number;
  /** Customers in the list (Partner Center's totalCount); 0 before the first list page. */
  total: number;
  building: boolean;
  /** Customers whose read failed in the last (or the running) build. */
  failed: number;
  /** Start of the last complete build; absent before the first one finished. */
  builtAt?: string;
  /** Partner Center calls of the last complete build (or of the running first one). */
  buildCalls: number;
}

/** The board as the index knows it now. */
export interface McaBoardSnapshot {
  rows: BoardRow[];
  checked: number;
  total: number;
}

export interface McaStateIndexOptions {
  partnerCenter: Pick<
    PartnerCenter,
    | 'listCustomersPage'
    | 'getDirectSignStatus'
    | 'listMcaAgreements'
    | 'getUpgradeEligibility'
    | 'getUpgradeStatus'
  >;
  attestations: Pick<EnhancedAttestationPort, 'listEnhancedAttestations'>;
  clock: Clock;
  /** Age after which the next use starts a refresh in the background (stale entries are still answered). */
  ttlMs: number;
  /** Customers read at once (each customer's independent calls run together: about twice that many calls). */
  concurrency: number;
  /**
   * The board waits for at most this many customers of a first build before it answers (a small
   * partner sees the whole board at once; a big one sees what is known and the progress line).
   */
  firstAnswerCustomers?: number;
}

/**
 * Errors that say the caller cannot read at all (no sign-in, no MFA, no app credentials): the build
 * stops instead of failing the same way for every customer.
 */
const CALLER_ERRORS = new Set([
  'sign_in_required',
  'mfa_required',
  'app_credentials_missing',
  'app_credentials_invalid',
  'forbidden',
]);

const isCallerError = (error: unknown) => isDomainError(error) && CALLER_ERRORS.has(error.code);

interface Build {
  /** Customers of the list as the build has paged them so far. */
  listed: Customer[];
  total: number;
  calls: number;
  failed: number;
  /** Set when a read said the caller cannot read at all: the build stops. */
  aborted?: unknown;
  /** Resolves once the first list page is in (the total is known) or the build failed. */
  firstPage: Promise<void>;
  done: Promise<void>;
}

/**
 * Each customer's MCA state (and upgrade) for ALL customers, for the MCA board and the customers
 * list (issues 14 and 15): Partner Center has no bulk MCA-status API, so the index pages the
 * customer list (500 a page) and reads every customer's direct-sign status, agreements,
 * attestations and upgrade, `concurrency` customers at once (the REST client honours 429 /
 * Retry-After). Built on first use in the background — the calls run in the context of the turn
 * that started it, so App+User reads carry that user's token — and rebuilt in the background when
 * older than `ttlMs`, answering the old entries meanwhile. A customer the bot itself changes
 * (`changed`) is read again at once; a failed read of one customer keeps the others (and its own
 * previous entry). State is worked out at answer time (a pending link expires on the clock).
 */
export class McaStateIndex {
  /**
   * `complete`: the attestations were read too (the board needs them). An entry the customers list
   * put in for a customer not signed directly has none: the list can show it, the board cannot.
   */
  private readonly entries = new Map<string, McaIndexEntry & { seq: number; complete: boolean }>();
  /** The customer list of the last complete build (what the board shows). */
  private listed: Customer[] | undefined;
  private total = 0;
  private builtAt: Date | undefined;
  private lastBuildCalls = 0;
  private lastFailed = 0;
  private build: Build | undefined;
  /** Why the last build stopped (the caller cannot read: sign-in, MFA, credentials), if it did. */
  private stopped: unknown;
  /** Customers changed by the bot whose entry is being (or must be) read again. */
  private readonly dirty = new Map<string, Promise<void> | undefined>();
  private seq = 0;
  private readonly waiters: Array<() => void> = [];
  private stopping = false;

  constructor(private readonly options: McaStateIndexOptions) {}

  /** Stops the running build (the host is closing): reads not started yet are not made. */
  stop(): void {
    this.stopping = true;
    if (this.build) this.build.aborted ??= new Error('McaStateIndex stopped');
  }

  /** Starts a build when there is none yet or the index is older than the TTL (never waits for it). */
  touch(): void {
    if (this.build || this.stopping) return;
    const age = this.builtAt ? this.options.clock.now().getTime() - this.builtAt.getTime() : Infinity;
    if (age >= this.options.ttlMs) this.start();
  }

  /** The running build (or a new one, when there is none): resolves when it is complete. */
  async refresh(): Promise<void> {
    await (this.build ?? this.start()).done;
  }

  /**
   * Reads again the customers of the last list that the index does not know (their read failed),
   * or starts a build when none is complete; the board's Refresh button.
   */
  async fillGaps(): Promise<void> {
    if (this.build) return;
    if (!this.listed) {
      this.start();
      return;
    }
    const missing = this.listed.filter((c) => !this.known(c.id));
    const limit = pLimit(this.options.concurrency);
    let callerError: unknown;
    await Promise.all(
      missing.map((customer) =>
        limit(async () => {
          if (callerError !== undefined) return;
          try {
            await this.readInto(customer, undefined);
          } catch (error) {
            // One customer failing again stays missing; a caller who cannot read is told so.
            if (isCallerError(error)) callerError = error;
          }
        }),
      ),
    );
    if (callerError !== undefined) throw callerError;
  }

  progress(): McaIndexProgress {
    const build = this.build;
    const list = this.listed ?? build?.listed ?? [];
    return {
      checked: list.filter((c) => this.known(c.id)).length,
      total: this.listed ? this.total : (build?.total ?? 0),
      building: build !== undefined,
      failed: build?.failed ?? this.lastFailed,
      ...(this.builtAt ? { builtAt: this.builtAt.toISOString() } : {}),
      buildCalls: this.listed ? this.lastBuildCalls : (build?.calls ?? 0),
    };
  }

  /**
   * The board rows the index knows now (Partner Center's order), with how many of how many
   * customers are checked. Starts a build if due; before the first list page and while a first
   * build has checked fewer than `firstAnswerCustomers`, it waits for those only.
   */
  async board(): Promise<McaBoardSnapshot> {
    this.touch();
    await this.waitForFirstAnswer();
    await this.settleDirty();
    const now = this.options.clock.now();
    const list = this.listed ?? this.build?.listed ?? [];
    const rows: BoardRow[] = [];
    for (const customer of list) {
      const entry = this.entries.get(customer.id);
      if (!entry?.complete) continue;
      rows.push({
        customerId: customer.id,
        companyName: customer.companyName,
        state: mcaStateOf(entry.mca, now).kind,
        country: customer.country,
      });
    }
    // Nothing known because this user cannot read (not signed in …): tell them, as a read would.
    if (rows.length === 0 && this.stopped !== undefined && !this.build) throw this.stopped;
    const { total } = this.progress();
    return { rows, checked: rows.length, total: Math.max(total, rows.length) };
  }

  /** The customer's entry (read again first if the bot changed it), or undefined when not known. */
  async entry(customerId: string): Promise<McaIndexEntry | undefined> {
    if (this.dirty.has(customerId)) await this.settle(customerId).catch(() => undefined);
    // Changed by the bot and still not read again: the caller reads it itself.
    if (this.dirty.has(customerId)) return undefined;
    return this.entries.get(customerId);
  }

  /** The customer's MCA state at `now` from its entry. */
  stateOf(entry: McaIndexEntry, now: Date = this.options.clock.now()): McaState {
    return mcaStateOf(entry.mca, now);
  }

  /** How the customer accepted the MCA (the customers list), from the entry. */
  acceptanceOf(entry: McaIndexEntry): McaAcceptance {
    return mcaAcceptance(entry.mca.agreements, entry.mca.directlySigned);
  }

  /**
   * Puts a customer the caller read itself (the customers list, on demand) into the index. The
   * list reads no attestations: a customer not signed directly is then known to the list (its
   * acceptance) but not yet to the board, until the build (or the board's Refresh) reads it.
   */
  adopt(
    customer: Customer,
    read: { agreements: Agreement[]; directlySigned: boolean; upgrade: IndexedUpgrade | undefined },
  ): void {
    const current = this.entries.get(customer.id);
    const mca = {
      agreements: read.agreements,
      directlySigned: read.directlySigned,
      attestations: read.directlySigned ? [] : (current?.mca.attestations ?? []),
    };
    this.write(customer, { mca, upgrade: read.upgrade }, (this.seq += 1), read.directlySigned);
    if (read.directlySigned) this.dirty.delete(customer.id);
  }

  /** Records the upgrade a caller read for a customer the index has (the customers list on demand). */
  putUpgrade(customerId: string, upgrade: IndexedUpgrade): void {
    const entry = this.entries.get(customerId);
    if (entry) this.entries.set(customerId, { ...entry, upgrade });
  }

  /**
   * The bot changed this customer (attestation created or accepted, agreement created, plan bought,
   * transition started or completed): its entry is read again now, and until that read succeeded
   * the board and the list read it again before answering.
   */
  changed(customerId: string): void {
    this.dirty.set(customerId, undefined);
    void this.settle(customerId).catch(() => undefined);
  }

  private start(): Build {
    let firstPageDone: () => void = () => undefined;
    const firstPage = new Promise<void>((resolve) => (firstPageDone = resolve));
    const build: Build = {
      listed: [],
      total: this.total,
      calls: 0,
      failed: 0,
      firstPage,
      done: Promise.resolve(),
    };
    build.done = this.run(build, firstPageDone)
      .catch(() => undefined)
      .finally(() => {
        firstPageDone();
        if (this.build === build) this.build = undefined;
      });
    this.build = build;
    return build;
  }

  private async run(build: Build, firstPageDone: () => void): Promise<void> {
    const started = this.options.clock.now();
    const limit = pLimit(this.options.concurrency);
    const reads: Promise<void>[] = [];
    let continuationToken: string | undefined;
    do {
      build.calls += 1;
      const page = await this.options.partnerCenter.listCustomersPage({
        size: INDEX_PAGE_SIZE,
        ...(continuationToken ? { continuationToken } : {}),
      });
      build.total = page.totalCount;
      build.listed.push(...page.items);
      firstPageDone();
      // Reads start at once, in list order (so the customers list's first pages are warm first).
      for (const customer of page.items)
        reads.push(
          limit(async () => {
            if (build.aborted !== undefined) return;
            try {
              await this.readInto(customer, build);
            } catch (error) {
              // The reads still queued see `aborted` and return at once.
              if (isCallerError(error)) build.aborted ??= error;
            }
          }),
        );
      continuationToken = page.continuationToken;
    } while (continuationToken && build.aborted === undefined);
    await Promise.all(reads);
    this.stopped = build.aborted;
    this.lastFailed = build.failed;
    if (build.aborted !== undefined) throw build.aborted;
    const listedIds = new Set(build.listed.map((c) => c.id));
    for (const id of [...this.entries.keys()]) if (!listedIds.has(id)) this.entries.delete(id);
    this.listed = build.listed;
    this.total = build.total;
    this.builtAt = started;
    this.lastBuildCalls = build.calls;
  }

  /** Reads one customer into the index; a failure keeps its previous entry (and is counted). */
  private async readInto(customer: Customer, build: Build | undefined): Promise<void> {
    const seq = (this.seq += 1);
    try {
      const read = await this.read(customer.id, build);
      this.write(customer, read, seq);
    } catch (error) {
      if (build) build.failed += 1;
      this.notify();
      throw error;
    }
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private write(
    customer: Customer,
    read: { mca: McaInputs; upgrade: IndexedUpgrade | undefined },
    seq: number,
    complete = true,
  ): void {
    const current = this.entries.get(customer.id);
    // A read that started before the one already stored (e.g. a build overtaken by a change) loses,
    // unless it completes an entry that lacks the attestations.
    if (current && current.seq > seq && (current.complete || !complete)) return;
    this.entries.set(customer.id, {
      customer,
      mca: read.mca,
      // An upgrade the new read could not learn keeps the one known before.
      upgrade: read.upgrade === undefined ? current?.upgrade : read.upgrade,
      readAt: this.options.clock.now(),
      seq: Math.max(seq, current?.seq ?? 0),
      complete,
    });
    this.notify();
  }

  /** The board knows this customer (its entry has the attestations). */
  private known(customerId: string): boolean {
    return this.entries.get(customerId)?.complete === true;
  }

  /**
   * Direct-sign status and upgrade together; the agreements and attestations only when not signed
   * directly (direct acceptance wins). Two calls for a customer signed directly, four without, one
   * more with an upgrade. An upgrade that cannot be read is left unknown.
   */
  private async read(
    customerId: string,
    build: Build | undefined,
  ): Promise<{ mca: McaInputs; upgrade: IndexedUpgrade | undefined }> {
    const { partnerCenter, attestations } = this.options;
    const count = () => {
      if (build) build.calls += 1;
    };
    const upgrade = async (): Promise<IndexedUpgrade | undefined> => {
      try {
        count();
        const eligibility = await partnerCenter.getUpgradeEligibility(customerId);
        if (!eligibility.upgradeId) return null;
        count();
        const status = await partnerCenter.getUpgradeStatus(customerId, eligibility.upgradeId);
        return { id: status.id, status: status.status };
      } catch (error) {
        if (isCallerError(error)) throw error;
        return undefined;
      }
    };
    count();
    const [directSign, known] = await Promise.all([partnerCenter.getDirectSignStatus(customerId), upgrade()]);
    if (directSign.isSigned)
      return { mca: { agreements: [], directlySigned: true, attestations: [] }, upgrade: known };
    count();
    count();
    const [agreements, list] = await Promise.all([
      partnerCenter.listMcaAgreements(customerId),
      attestations.listEnhancedAttestations(customerId),
    ]);
    return { mca: { agreements, directlySigned: false, attestations: list }, upgrade: known };
  }

  private async waitForFirstAnswer(): Promise<void> {
    const build = this.build;
    if (this.listed || !build) return;
    await build.firstPage;
    const wanted = Math.min(build.total, this.options.firstAnswerCustomers ?? 50);
    const first = build.listed.slice(0, wanted);
    // The first customers are read first (list order): wait for those, not for the whole build.
    while (this.build === build && first.some((c) => !this.known(c.id)) && build.failed === 0)
      await Promise.race([build.done, this.nextWrite()]);
    // The caller cannot read: let the build stop, so the board says why instead of showing nothing.
    if (build.aborted !== undefined) await build.done;
  }

  /** Resolves at the next entry written (or the next build step). */
  private nextWrite(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async settleDirty(): Promise<void> {
    await Promise.all([...this.dirty.keys()].map((id) => this.settle(id).catch(() => undefined)));
  }

  /** Reads a changed customer again (one read at a time per customer); stays dirty if it fails. */
  private settle(customerId: string): Promise<void> {
    const running = this.dirty.get(customerId);
    if (running) return running;
    const customer =
      this.entries.get(customerId)?.customer ??
      (this.listed ?? this.build?.listed ?? []).find((c) => c.id === customerId);
    if (!customer) {
      // Not in the index: nothing to read again (the list reads it on demand and puts it in).
      this.dirty.delete(customerId);
      return Promise.resolve();
    }
    const reading: Promise<void> = this.readInto(customer, undefined).then(
      () => {
        if (this.dirty.get(customerId) === reading) this.dirty.delete(customerId);
      },
      (error: unknown) => {
        if (this.dirty.get(customerId) === reading) this.dirty.set(customerId, undefined);
        throw error;
      },
    );
    this.dirty.set(customerId, reading);
    return reading;
  }
}
