import { expect } from 'chai';
import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import {
  JsonConversationState,
  JsonPrivateConversationState,
  JsonUserState,
} from '../../src/bot/jsonChangeState.js';

/** MemoryStorage that counts the writes it was asked for. */
class CountingStorage extends MemoryStorage {
  writes = 0;
  override async write(changes: StoreItems): Promise<void> {
    this.writes++;
    await super.write(changes);
  }
}

function turn(adapter: TestAdapter, text = 'hi'): TurnContext {
  return new TurnContext(adapter, {
    type: 'message',
    text,
    channelId: 'test',
    conversation: { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Megan' },
    recipient: { id: 'bot', name: 'bot' },
    serviceUrl: 'https://example.test',
  });
}

const kinds = [
  ['conversation', (storage: MemoryStorage) => new JsonConversationState(storage)],
  ['private conversation', (storage: MemoryStorage) => new JsonPrivateConversationState(storage)],
  ['user', (storage: MemoryStorage) => new JsonUserState(storage)],
] as const;

describe('JsonChangeState: a state is written only when its content changed', () => {
  for (const [kind, create] of kinds) {
    describe(`${kind} state`, () => {
      it('an unchanged state is not written; a changed one is, and reads back in the next turn', async () => {
        const storage = new CountingStorage();
        const state = create(storage);
        const adapter = new TestAdapter();
        const counter = state.createProperty<{ value: number; nested: { list: string[] } }>('counter');

        const first = turn(adapter);
        const initial = await counter.get(first, { value: 0, nested: { list: [] } });
        await state.saveChanges(first);
        expect(storage.writes, 'the default was stored once').to.equal(1);
        await state.saveChanges(first);
        expect(storage.writes, 'nothing changed since').to.equal(1);
        initial!.nested.list.push('deep change');
        await state.saveChanges(first);
        expect(storage.writes, 'a change deep inside is seen').to.equal(2);

        const second = turn(adapter);
        expect(await counter.get(second)).to.deep.equal({ value: 0, nested: { list: ['deep change'] } });
        await state.saveChanges(second);
        expect(storage.writes, 'read and left alone: no write').to.equal(2);
      });

      it('force writes an unchanged state; clear then save writes an empty one', async () => {
        const storage = new CountingStorage();
        const state = create(storage);
        const adapter = new TestAdapter();
        const context = turn(adapter);
        await state.createProperty<string>('name').set(context, 'Contoso');
        await state.saveChanges(context);
        await state.saveChanges(context, true);
        expect(storage.writes).to.equal(2);
        await state.clear(context);
        await state.saveChanges(context);
        expect(storage.writes).to.equal(3);
        expect(await state.createProperty<string>('name').get(turn(adapter))).to.equal(undefined);
      });

      it('the eTag the storage returns is not a change', async () => {
        const storage = new CountingStorage();
        const state = create(storage);
        const adapter = new TestAdapter();
        const context = turn(adapter);
        await state.createProperty<number>('n').set(context, 1);
        await state.saveChanges(context);
        const next = turn(adapter);
        await state.load(next);
        expect(state.get(next)?.eTag).to.be.a('string');
        state.get(next)!.eTag = 'another';
        await state.saveChanges(next);
        expect(storage.writes).to.equal(1);
      });
    });
  }
});
