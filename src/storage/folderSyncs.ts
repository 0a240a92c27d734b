/**
 * Group commit of folder fsyncs: durable writes into one folder that ask while an fsync of it runs
 * share the next one. A caller's promise resolves only after an fsync of its folder that started
 * after it asked (so after its rename), never on one already under way.
 */
export class FolderSyncs {
  private readonly folders = new Map<string, { waiters: Array<() => void> }>();

  /** `syncFolder`: one fsync of a folder; best effort, must not reject. */
  constructor(private readonly syncFolder: (folder: string) => Promise<void>) {}

  /** Resolves after an fsync of `folder` that started after this call. */
  sync(folder: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const running = this.folders.get(folder);
      if (running) {
        running.waiters.push(resolve);
        return;
      }
      const state = { waiters: [resolve] };
      this.folders.set(folder, state);
      void this.drain(folder, state);
    });
  }

  private async drain(folder: string, state: { waiters: Array<() => void> }): Promise<void> {
    while (state.waiters.length > 0) {
      // Everyone in this batch asked before this fsync starts; later callers wait for the next.
      const batch = state.waiters.splice(0);
      await this.syncFolder(folder).catch(() => undefined);
      for (const resolve of batch) resolve();
    }
    this.folders.delete(folder);
  }
}
