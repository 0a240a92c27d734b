/**
 * Which state files each shard folder of a FileStorage holds: listed once (one `readdir`) the first
 * time the folder is asked about, then kept up to date by the owner's own writes and deletes, so a
 * read of a key that has no file answers "none" without opening anything.
 *
 * Correct only while no other process creates or removes files in these folders (FileStorage's
 * `ownsFolder`). A change recorded while the folder is being listed is applied on top of the
 * listing, so a write that lands during the `readdir` is never missed.
 */
export class ShardListings {
  private readonly listed = new Map<string, Set<string>>();
  private readonly listing = new Map<
    string,
    { names: Promise<Set<string>>; changes: Map<string, boolean> }
  >();

  /** `list`: the file names of a folder ([] when it does not exist). */
  constructor(private readonly list: (folder: string) => Promise<string[]>) {}

  /** Whether `folder` holds the file `name` (lists the folder the first time). */
  async has(folder: string, name: string): Promise<boolean> {
    const names = this.listed.get(folder) ?? (await this.load(folder));
    return names.has(name);
  }

  /** After the owner created (`present`) or removed the file `name` in `folder`. */
  record(folder: string, name: string, present: boolean): void {
    const names = this.listed.get(folder);
    if (names) {
      if (present) names.add(name);
      else names.delete(name);
      return;
    }
    // Not listed yet: a listing made later sees the folder as it is then.
    this.listing.get(folder)?.changes.set(name, present);
  }

  private load(folder: string): Promise<Set<string>> {
    const running = this.listing.get(folder);
    if (running) return running.names;
    const changes = new Map<string, boolean>();
    const names = this.list(folder).then(
      (files) => {
        const found = new Set(files);
        for (const [name, present] of changes) {
          if (present) found.add(name);
          else found.delete(name);
        }
        this.listed.set(folder, found);
        this.listing.delete(folder);
        return found;
      },
      (error: unknown) => {
        this.listing.delete(folder);
        throw error;
      },
    );
    this.listing.set(folder, { names, changes });
    return names;
  }
}
