/**
 * Per-key critical sections (port): `runExclusive(key, work)` runs `work` while no other holder of
 * the same key runs. KeyedMutex serializes inside one process; a lease lock (src/storage) also
 * across instances sharing the same records store.
 */
export interface CriticalSections {
  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Resolves once every section entered so far has finished (graceful shutdown). */
  idle(): Promise<void>;
}
