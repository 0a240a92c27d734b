import { mkdtemp, rm } from 'node:fs/promises';
import { fdatasync, fsync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { isConversationReferenceKey } from '../../src/bot/conversationReferences.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { LogStorage } from '../../src/storage/logStorage.js';
import { BotHarness, cardOf } from '../support/botHarness.js';
import { FakeDirectory, user } from '../support/fakeDirectory.js';
import { knowledgeFeatures } from '../support/knowledgeFeatures.js';
import { fixturePrices } from '../support/flowChat.js';
import { fixedClock } from '../../src/domain/clock.js';

const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);
const SENDER = { aadObjectId: MEGAN.aadObjectId };

/**
 * Durable state costs fsyncs (file + folder per write); a turn pays for one durable write at most,
 * and none when its state did not change. The state a card's buttons need is durable before the card.
 */
describe('State saves: at most one durable write per turn', function () {
  this.timeout(30_000);
  const folders: string[] = [];
  after(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  async function chat() {
    const folder = await mkdtemp(join(tmpdir(), 'one-durable-save-'));
    folders.push(folder);
    const syncs = { count: 0 };
    const realFsync = promisify(fsync);
    // As the composition root (src/app.ts) configured it before the state log (FileStorage stays for shared folders).
    const storage = new FileStorage(folder, {
      durable: (key) => !isConversationReferenceKey(key),
      fsync: async (fd) => {
        syncs.count += 1;
        await realFsync(fd);
      },
    });
    const clock = fixedClock('2026-11-26T12:00:00.000Z');
    const harness = new BotHarness(
      new FakeDirectory([MEGAN]),
      knowledgeFeatures(fixturePrices(clock), undefined, clock),
      storage,
    );
    return { harness, syncs, folder };
  }

  it('a question that asks back with a card: one durable write (file and folder) before the card, no second', async () => {
    const { harness, syncs, folder } = await chat();
    const [ask] = await harness.say(SENDER, 'pec D2s v3 west europe 730 hours');
    expect(cardOf(ask)).to.not.equal(undefined);
    expect(syncs.count).to.equal(2);
    // The turn's last save (the card as the prompt to show again) is on disk all the same.
    const key = `msteams/conversations/conv-1/users/29:${MEGAN.aadObjectId}/`;
    const stored = (await new FileStorage(folder).read([key]))[key] as {
      dialogState: { dialogStack: Array<{ id: string }> };
      flowState: { prompts: Array<Array<{ id?: string; attachments?: unknown[] }> | null> };
    };
    expect(stored.dialogState.dialogStack.map((dialog) => dialog.id)).to.deep.equal(['pecEstimate']);
    expect(stored.flowState.prompts[0]?.[0]?.attachments).to.have.length(1);
  });

  it('a turn whose state did not change writes nothing durable', async () => {
    const { harness, syncs } = await chat();
    await harness.say(SENDER, 'help');
    syncs.count = 0;
    await harness.say(SENDER, 'help');
    expect(syncs.count).to.equal(0);
  });

  it('a one-off answer in a new conversation stores no state at all (no file, no fsync)', async () => {
    const { harness, syncs, folder } = await chat();
    await harness.say(SENDER, 'help');
    expect(syncs.count).to.equal(0);
    const key = `msteams/conversations/conv-1/users/29:${MEGAN.aadObjectId}/`;
    expect(await new FileStorage(folder).read([key])).to.deep.equal({});
  });

  it('a flow that ended still stores its (now empty) state, so the next turn does not see the old one', async () => {
    const { harness, folder } = await chat();
    await harness.say(SENDER, 'pec D2s v3 west europe 730 hours');
    await harness.say(SENDER, 'cancel');
    const key = `msteams/conversations/conv-1/users/29:${MEGAN.aadObjectId}/`;
    const stored = (await new FileStorage(folder).read([key]))[key] as {
      dialogState: { dialogStack: unknown[] };
    };
    expect(stored.dialogState.dialogStack).to.deep.equal([]);
  });
});

/** As the composition root (src/app.ts) now composes it: the state log, one fdatasync per batch. */
describe('State saves on the state log (LogStorage): one disk sync before the card', function () {
  this.timeout(30_000);
  const folders: string[] = [];
  after(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  async function chat() {
    const folder = await mkdtemp(join(tmpdir(), 'one-durable-save-log-'));
    folders.push(folder);
    const syncs = { count: 0 };
    const realSync = promisify(fdatasync);
    const storage = new LogStorage(folder, {
      durable: (key) => !isConversationReferenceKey(key),
      fdatasync: async (fd) => {
        syncs.count += 1;
        await realSync(fd);
      },
    });
    await storage.open();
    syncs.count = 0;
    const clock = fixedClock('2026-11-26T12:00:00.000Z');
    const harness = new BotHarness(
      new FakeDirectory([MEGAN]),
      knowledgeFeatures(fixturePrices(clock), undefined, clock),
      storage,
    );
    return { harness, syncs, storage };
  }

  const questions = [
    { language: 'English', text: 'pec D2s v3 west europe 730 hours' },
    // Korean also remembers the language in the user state: two states change, still one sync.
    { language: 'Korean', text: 'pec D2s v3 서유럽 730시간' },
  ];
  for (const { language, text } of questions) {
    it(`${language}: a question that asks back with a card syncs the disk once, and the card follows it`, async () => {
      const { harness, syncs, storage } = await chat();
      const [ask] = await harness.say(SENDER, text);
      expect(cardOf(ask)).to.not.equal(undefined);
      expect(syncs.count).to.equal(1);
      await storage.close();
    });
  }
});
