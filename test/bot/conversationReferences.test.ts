import { expect } from 'chai';
import { MemoryStorage, type ConversationReference, type StoreItems } from 'botbuilder';
import { ConversationReferenceStore } from '../../src/bot/conversationReferences.js';
import { BotHarness } from '../support/botHarness.js';
import { FakeDirectory, user } from '../support/fakeDirectory.js';

const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);

/** MemoryStorage that counts the writes it is asked for. */
class CountingStorage extends MemoryStorage {
  writes = 0;
  override async write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    return super.write(changes);
  }
}

const reference = (activityId: string, overrides: Partial<ConversationReference> = {}) => ({
  activityId,
  user: { id: '29:user', name: 'Megan', aadObjectId: 'aad-user' },
  bot: { id: '28:bot', name: 'Azure plan assistant' },
  conversation: { id: 'conv-1', tenantId: 'tenant', conversationType: 'personal', isGroup: false, name: '' },
  channelId: 'msteams',
  locale: 'en-US',
  serviceUrl: 'https://smba.example/emea/',
  ...overrides,
});

describe('conversation references are written only when they changed', () => {
  it('ten turns of one conversation write its reference once', async () => {
    const storage = new CountingStorage();
    const store = new ConversationReferenceStore(storage);
    for (let turn = 1; turn <= 10; turn++) await store.save(reference(`activity-${turn}`));
    expect(storage.writes).to.equal(1);
    expect((await store.get('conv-1'))?.serviceUrl).to.equal('https://smba.example/emea/');
  });

  const changes: Array<[string, Partial<ConversationReference>]> = [
    ['a new service URL', { serviceUrl: 'https://smba.example/amer/' }],
    ['another locale', { locale: 'ko-KR' }],
    ['a renamed bot', { bot: { id: '28:bot', name: 'Renamed' } }],
  ];
  for (const [what, change] of changes) {
    it(`${what} is written (and kept for proactive messages)`, async () => {
      const storage = new CountingStorage();
      const store = new ConversationReferenceStore(storage);
      await store.save(reference('activity-1'));
      await store.save(reference('activity-2', change));
      await store.save(reference('activity-3', change));
      expect(storage.writes).to.equal(2);
      const [field, value] = Object.entries(change)[0];
      expect((await store.get('conv-1'))?.[field as keyof ConversationReference]).to.deep.equal(value);
    });
  }

  it('after a restart an unchanged stored reference is not rewritten, a changed one is', async () => {
    const storage = new CountingStorage();
    await new ConversationReferenceStore(storage).save(reference('activity-1'));
    const restarted = new ConversationReferenceStore(storage);
    await restarted.save(reference('activity-2'));
    expect(storage.writes).to.equal(1);
    await restarted.save(reference('activity-3', { serviceUrl: 'https://smba.example/apac/' }));
    expect(storage.writes).to.equal(2);
  });

  it('remembers a bounded number of conversations (a forgotten one is compared with storage)', async () => {
    const storage = new CountingStorage();
    const store = new ConversationReferenceStore(storage, 2);
    for (const id of ['a', 'b', 'c', 'a', 'b', 'c']) {
      await store.save(
        reference(`activity-${id}`, { conversation: { id } as ConversationReference['conversation'] }),
      );
    }
    expect(storage.writes).to.equal(3);
  });
});

describe('the reply does not wait for the conversation reference', () => {
  it('help is answered while the reference write is still on its way; the turn ends after it', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let referenceWriteStarted = false;
    class SlowReferenceStorage extends MemoryStorage {
      override async write(changes: StoreItems): Promise<void> {
        if (Object.keys(changes).some((key) => key.startsWith('conversation-reference/'))) {
          referenceWriteStarted = true;
          await released;
        }
        return super.write(changes);
      }
    }
    const storage = new SlowReferenceStorage();
    const harness = new BotHarness(new FakeDirectory([MEGAN]), [], storage);
    let turnEnded = false;
    const turn = harness.say({ aadObjectId: MEGAN.aadObjectId }, 'help').then(() => (turnEnded = true));
    // Let the turn run as far as it can (no clock involved: a bounded number of event-loop rounds).
    for (let round = 0; round < 200 && harness.adapter.activeQueue.length === 0; round++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(referenceWriteStarted).to.equal(true);
    expect(harness.adapter.activeQueue.map((activity) => activity.type)).to.include('message');
    expect(turnEnded).to.equal(false);
    release();
    await turn;
    expect(await new ConversationReferenceStore(storage).get('conv-1')).to.have.property('serviceUrl');
  });
});
