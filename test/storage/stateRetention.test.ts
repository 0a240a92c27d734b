import { expect } from 'chai';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { StateRetention } from '../../src/storage/stateRetention.js';

const NOW = '2026-06-30T12:00:00Z';
const DAY = 24 * 60 * 60 * 1000;

/** The file FileStorage keeps `key` in (same layout as FileStorage.pathOf). */
function pathOf(directory: string, key: string): string {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  return join(
    directory,
    hash.slice(0, 2),
    `${key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${hash}.json`,
  );
}

describe('state of idle conversations expires after STATE_RETENTION_DAYS', () => {
  let directory: string;
  let storage: FileStorage;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'state-retention-'));
    storage = new FileStorage(directory, { durable: false });
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  /** Writes `key` and dates its file `daysAgo` before NOW. */
  async function written(key: string, daysAgo: number): Promise<void> {
    await storage.write({ [key]: { value: key } });
    const at = new Date(new Date(NOW).getTime() - daysAgo * DAY);
    await utimes(pathOf(directory, key), at, at);
  }

  const retention = (maxPerSweep?: number) =>
    new StateRetention({
      storage,
      retentionDays: 30,
      clock: fixedClock(NOW),
      logger: createLogger('silent'),
      maxPerSweep,
    });

  it('deletes state idle longer than the retention and keeps recent state and transition watches', async () => {
    await written('msteams/conversations/old', 31);
    await written('msteams/conversations/old/users/29:u/', 45);
    await written('conversation-reference/old', 31);
    await written('msteams/conversations/recent', 29);
    await written('transition-watch/upgrade-1', 90);

    expect(await retention().sweep()).to.equal(3);
    const left = await storage.read([
      'msteams/conversations/old',
      'msteams/conversations/old/users/29:u/',
      'conversation-reference/old',
      'msteams/conversations/recent',
      'transition-watch/upgrade-1',
    ]);
    expect(Object.keys(left).sort()).to.deep.equal([
      'msteams/conversations/recent',
      'transition-watch/upgrade-1',
    ]);
  });

  it('a sweep deletes at most its bound; the next one continues', async () => {
    for (let i = 0; i < 5; i++) await written(`msteams/conversations/c${i}`, 40);
    const sweeper = retention(2);
    expect(await sweeper.sweep()).to.equal(2);
    expect(await sweeper.sweep()).to.equal(2);
    expect(await sweeper.sweep()).to.equal(1);
    expect(await sweeper.sweep()).to.equal(0);
  });

  it('a conversation written again is kept', async () => {
    await written('msteams/conversations/back', 40);
    await storage.write({ 'msteams/conversations/back': { value: 'again' } });
    // The rewrite dates the file with the machine's time, which is past NOW (2026-06-30).
    const sweeper = retention();
    expect(await sweeper.sweep()).to.equal(0);
  });

  it('a conversation written again is kept', async () => {
    await written('msteams/conversations/back', 40);
    await storage.write({ 'msteams/conversations/back': { value: 'again' } });
    // The rewrite dates the file now (wall clock); NOW is in the past of this machine or close to it.
    const clock = fixedClock(new Date(Date.now() + DAY).toISOString());
    const sweeper = new StateRetention({ storage, retentionDays: 30, clock, logger: createLogger('silent') });
    expect(await sweeper.sweep()).to.equal(0);
    expect(await storage.read(['msteams/conversations/back'])).to.have.property('msteams/conversations/back');
  });

  it('the background timer never keeps the process alive and stops cleanly', async () => {
    const sweeper = retention();
    sweeper.start();
    await sweeper.stop();
  });
});
