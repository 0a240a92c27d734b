import { randomUUID } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createExclusive,
  ensureFolder,
  ignoreMissing,
  isMissing,
  readFile,
  replaceFile,
} from './fileAtomic.js';
import { safeName } from './records.js';

/** A lease this instance holds until `validUntil` (local ms clock) unless renewed. */
export interface HeldLease {
  /** Local instant (ms) until which the lease is surely still ours. */
  readonly validUntil: number;
  /** Extends the lease; false when it was lost (expired and possibly taken by another instance). */
  renew(): Promise<boolean>;
  /** Gives the lease up so another instance can take it at once. */
  release(): Promise<void>;
}

/** Named, time-limited exclusive leases shared by every instance using the same store. */
export interface Leases {
  /** How long a lease lasts without renewal. */
  readonly durationMs: number;
  /** Takes the lease `name` if nobody holds it (or its holder stopped renewing); otherwise undefined. */
  tryAcquire(name: string): Promise<HeldLease | undefined>;
}

interface LeaseFile {
  holder: string;
  expiresAt: number;
  released?: boolean;
}

const GENERATION = /^(\d{9})\.lease$/;

export interface FileLeasesOptions {
  durationMs: number;
  /** Wall clock shared by the processes on this machine (ms). Default Date.now. */
  now?: () => number;
}

/**
 * Leases on files, for several processes on ONE machine (STORAGE=file). A lease is a folder of
 * numbered generations; taking it creates generation n+1 with an exclusive hard link (only one
 * taker wins), allowed when generation n is released or expired. The holder renews by rewriting
 * its own generation, and only counts a renewal that finished before the old expiry: a taker
 * reads the expiry only after it passed, so it sees the renewed one. No lock file can be left
 * behind by a killed process: its lease simply expires.
 */
export class FileLeases implements Leases {
  readonly durationMs: number;
  private readonly now: () => number;

  constructor(
    private readonly directory: string,
    options: FileLeasesOptions,
  ) {
    this.durationMs = options.durationMs;
    this.now = options.now ?? Date.now;
  }

  async tryAcquire(name: string): Promise<HeldLease | undefined> {
    const folder = join(this.directory, safeName(name));
    const current = await this.newest(folder);
    if (current && !current.lease.released && current.lease.expiresAt > this.now()) return undefined;
    const generation = (current?.generation ?? 0) + 1;
    const start = this.now();
    const lease: LeaseFile = { holder: randomUUID(), expiresAt: start + this.durationMs };
    const path = join(folder, fileName(generation));
    let created: boolean;
    try {
      created = await createExclusive(path, JSON.stringify(lease), false);
    } catch (error) {
      if (!isMissing(error)) throw error;
      await ensureFolder(folder);
      created = await createExclusive(path, JSON.stringify(lease), false);
    }
    if (!created) return undefined;
    if (current) await unlink(join(folder, fileName(current.generation))).catch(ignoreMissing);
    return new FileHeldLease(path, lease, this.durationMs, this.now);
  }

  private async newest(folder: string): Promise<{ generation: number; lease: LeaseFile } | undefined> {
    for (;;) {
      let files: string[];
      try {
        files = await readdir(folder);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      const generation = Math.max(0, ...files.map((file) => Number(GENERATION.exec(file)?.[1] ?? 0)));
      if (generation === 0) return undefined;
      try {
        const lease = JSON.parse(await readFile(join(folder, fileName(generation)), 'utf8')) as LeaseFile;
        return { generation, lease };
      } catch (error) {
        if (!isMissing(error)) throw error;
        // Superseded between the listing and the read: list again.
      }
    }
  }
}

class FileHeldLease implements HeldLease {
  constructor(
    private readonly path: string,
    private lease: LeaseFile,
    private readonly durationMs: number,
    private readonly now: () => number,
  ) {}

  get validUntil(): number {
    return this.lease.expiresAt;
  }

  async renew(): Promise<boolean> {
    const start = this.now();
    if (this.lease.released || start >= this.lease.expiresAt) return false;
    const next: LeaseFile = { holder: this.lease.holder, expiresAt: start + this.durationMs };
    await replaceFile(this.path, JSON.stringify(next), false);
    // Finished after the old expiry: a taker may have read the old one, so the lease may be gone.
    if (this.now() >= this.lease.expiresAt) return false;
    this.lease = next;
    return true;
  }

  async release(): Promise<void> {
    if (this.lease.released || this.now() >= this.lease.expiresAt) return;
    this.lease = { ...this.lease, released: true };
    await replaceFile(this.path, JSON.stringify(this.lease), false);
  }
}

function fileName(generation: number): string {
  return `${String(generation).padStart(9, '0')}.lease`;
}
