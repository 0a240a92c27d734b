import type { ContainerClient } from '@azure/storage-blob';
import type { UpgradeWatch, UpgradeWatchStore } from '../partnerCenter/rest/upgradePoller.js';
import { downloadText, isNotFound } from './blobSupport.js';

const PREFIX = 'upgrade-watches/';

/**
 * The upgrade poller's watches in the records container (one blob per watch), shared by every
 * instance: a transition started on one instance is polled (and announced) by the leader, whichever
 * instance that is.
 */
export class BlobUpgradeWatchStore implements UpgradeWatchStore {
  constructor(private readonly container: ContainerClient) {}

  async list(): Promise<UpgradeWatch[]> {
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: PREFIX })) names.push(blob.name);
    const watches = await Promise.all(names.sort().map((name) => this.read(name)));
    return watches.filter((watch): watch is UpgradeWatch => watch !== undefined);
  }

  get(upgradeId: string): Promise<UpgradeWatch | undefined> {
    return this.read(this.nameOf(upgradeId));
  }

  async put(watch: UpgradeWatch): Promise<void> {
    const body = JSON.stringify(watch);
    await this.container
      .getBlockBlobClient(this.nameOf(watch.upgradeId))
      .upload(body, Buffer.byteLength(body), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
  }

  async remove(upgradeId: string): Promise<void> {
    try {
      await this.container.getBlockBlobClient(this.nameOf(upgradeId)).delete();
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  private nameOf(upgradeId: string): string {
    return `${PREFIX}${upgradeId.toLowerCase().replace(/[^a-z0-9-]/g, '_')}.json`;
  }

  private async read(name: string): Promise<UpgradeWatch | undefined> {
    const found = await downloadText(this.container.getBlockBlobClient(name));
    return found ? (JSON.parse(found.text) as UpgradeWatch) : undefined;
  }
}
