import type { Storage } from 'botbuilder';

/**
 * What the bot needs of the Storage that holds its state on this machine (STORAGE=file):
 * LogStorage in src/app.ts, FileStorage where a folder is shared or in older set-ups.
 */
export interface LocalStateStorage extends Storage {
  /** Runs `run`; writes of these keys started meanwhile do not wait for the disk. */
  withoutSync<T>(keys: readonly string[], run: () => Promise<T>): Promise<T>;
  /** Resolves once everything written so far is on disk. */
  flush(): Promise<void>;
  /** Deletes keys last written before `before` that `expires` accepts, at most `limit`. */
  expireIdle(before: Date, expires: (key: string) => boolean, limit: number): Promise<number>;
  /** Removes what a killed process left half-written; how many. */
  removeTempFiles(): Promise<number>;
}

/** True for a storage with `withoutSync` (FileStorage, LogStorage); BlobsStorage has none. */
export function hasWithoutSync(
  storage: Storage,
): storage is Storage & Pick<LocalStateStorage, 'withoutSync'> {
  return typeof (storage as Partial<LocalStateStorage>).withoutSync === 'function';
}
