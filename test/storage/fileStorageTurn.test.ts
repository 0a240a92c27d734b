import { fsync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { isConversationReferenceKey } from '../../src/bot/conversationReferences.js';
import { fixedClock } from '../../src/domain/clock.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { BotHarness, cardOf } from '../support/botHarness.js';
import { FakeDirectory, user } from '../support/fakeDirectory.js';
import { fixturePrices } from '../support/flowChat.js';
import { knowledgeFeatures } from '../support/knowledgeFeatures.js';
import { OpLog } from './support/storageOps.js';

const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);
const SENDER = { aadObjectId: MEGAN.aadObjectId };
const KEY = `msteams/conversations/conv-1/users/29:${MEGAN.aadObjectId}/`;

/**
 * Issue 18: the file-system cost of a turn that starts a dialog in a new conversation, with
 * FileStorage composed as src/app.ts composes it (owning its folder, non-durable writes behind).
 */
describe('FileStorage cost of a new conversation turn, as src/app.ts composes it', function () {
  this.timeout(30_000);
  const folders: string[] = [];
  after(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('no open for the keys that have no file, one durable write (file + folder fsync) before the card, the last save and the conversation reference after the turn', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'file-storage-turn-'));
    folders.push(folder);
    const ops = new OpLog();
    const realFsync = promisify(fsync);
    let syncs = 0;
    const storage = new FileStorage(folder, {
      durable: (key) => !isConversationReferenceKey(key),
      ownsFolder: true,
      writeBehind: true,
      // Only flush() writes what is pending here: the test does not depend on timing.
      writeBehindMs: 60_000,
      observe: ops.observe,
      fsync: async (fd) => {
        syncs += 1;
        await realFsync(fd);
      },
    });
    const clock = fixedClock('2026-11-26T12:00:00.000Z');
    const harness = new BotHarness(
      new FakeDirectory([MEGAN]),
      knowledgeFeatures(fixturePrices(clock), undefined, clock),
      storage,
    );

    const [ask] = await harness.say(SENDER, 'pec D2s v3 west europe 730 hours');
    expect(cardOf(ask)).to.not.equal(undefined);
    expect(ops.count('readFile'), 'no file opened for state that does not exist yet').to.equal(0);
    expect(ops.count('rename'), 'one file written during the turn').to.equal(1);
    expect(syncs, 'file and folder fsync of the durable save').to.equal(2);

    ops.clear();
    await storage.flush();
    const renamed = ops.events.filter((event) => event.op === 'rename').map((event) => event.path);
    expect(renamed.map((path) => path.split('/').pop()?.slice(0, 24)).sort(), 'after the turn').to.deep.equal(
      ['conversation-reference_c', 'msteams_conversations_co'],
    );
    expect(syncs, 'and without fsync').to.equal(2);
    const stored = (await new FileStorage(folder).read([KEY]))[KEY] as {
      dialogState: { dialogStack: Array<{ id: string }> };
      flowState: { prompts: Array<Array<{ attachments?: unknown[] }> | null> };
    };
    expect(stored.dialogState.dialogStack.map((dialog) => dialog.id)).to.deep.equal(['pecEstimate']);
    expect(stored.flowState.prompts[0]?.[0]?.attachments).to.have.length(1);
  });
});
