import type { BlobLeaseClient, ContainerClient } from '@azure/storage-blob';
import { codeOf, statusOf } from './blobSupport.js';
import type { HeldLease, Leases } from './leases.js';
import { safeName } from './records.js';

export interface BlobLeasesOptions {
  /** Azure accepts 15–60 s (or infinite, not used here). Default 30. */
  durationSeconds?: number;
  now?: () => number;
}

/**
 * Leases on Azure blobs: each name is an empty block blob `leases/<name>`, and holding it means
 * holding the blob's lease. Azure enforces exclusivity (409 LeaseAlreadyPresent for everyone else)
 * and ends the lease by itself `durationSeconds` after the last renewal, so a dead holder is
 * replaced within that time.
 */
export class BlobLeases implements Leases {
  readonly durationMs: number;
  private readonly durationSeconds: number;
  private readonly now: () => number;
  private readonly created = new Set<string>();

  constructor(
    private readonly container: ContainerClient,
    options: BlobLeasesOptions = {},
  ) {
    this.durationSeconds = options.durationSeconds ?? 30;
    if (!Number.isInteger(this.durationSeconds) || this.durationSeconds < 15 || this.durationSeconds > 60)
      throw new RangeError(`blob lease duration must be 15–60 whole seconds (got ${this.durationSeconds})`);
    this.durationMs = this.durationSeconds * 1000;
    this.now = options.now ?? Date.now;
  }

  async tryAcquire(name: string): Promise<HeldLease | undefined> {
    const blob = this.container.getBlockBlobClient(`leases/${safeName(name)}`);
    if (!this.created.has(name)) {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } }).catch((error: unknown) => {
        // 409: it exists (412 is what Azure answers when it exists and is leased).
        if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
      });
      this.created.add(name);
    }
    const client = blob.getBlobLeaseClient();
    const start = this.now();
    try {
      await client.acquireLease(this.durationSeconds);
    } catch (error) {
      if (codeOf(error) === 'LeaseAlreadyPresent' || statusOf(error) === 409) return undefined;
      if (statusOf(error) === 404) this.created.delete(name);
      throw error;
    }
    return new BlobHeldLease(client, start + this.durationMs, this.durationMs, this.now);
  }
}

class BlobHeldLease implements HeldLease {
  private released = false;

  constructor(
    private readonly client: BlobLeaseClient,
    public validUntil: number,
    private readonly durationMs: number,
    private readonly now: () => number,
  ) {}

  async renew(): Promise<boolean> {
    if (this.released) return false;
    const start = this.now();
    try {
      await this.client.renewLease();
    } catch (error) {
      // 409: the lease expired and another instance acquired it (lease id mismatch).
      if (statusOf(error) !== undefined && statusOf(error)! < 500) return false;
      // Network trouble: still ours until it would have expired.
      if (this.now() >= this.validUntil) return false;
      throw error;
    }
    this.validUntil = start + this.durationMs;
    return true;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.client.releaseLease().catch(() => undefined);
  }
}
