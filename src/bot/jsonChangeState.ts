import {
  ConversationState,
  PrivateConversationState,
  UserState,
  type BotState,
  type Storage,
  type TurnContext,
} from 'botbuilder';

/** What BotState keeps in `turnState` for a loaded state: the object and its change marker. */
interface CachedState {
  state: Record<string, unknown>;
  hash: string;
}

/**
 * The state's content as JSON, without the storage's eTag: two equal snapshots mean "unchanged".
 * botbuilder's own marker (calculateChangeHash) runs its JS `stringify` with a replacer and then
 * SHA-256 over the result, about ten times per dialog turn; the native JSON.stringify, compared as
 * a string, answers the same question for the plain JSON the storages keep. (A state that is not
 * plain JSON could not be written by FileStorage or BlobsStorage either.)
 */
function snapshotOf(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...content } = state;
  return JSON.stringify(content);
}

/**
 * BotState with a cheaper change check: `load` and `saveChanges` as in botbuilder-core 4.23
 * (botState.js), the marker being `snapshotOf` instead of a hash. Everything else is inherited.
 */
// any: a mixin's base constructor must take `any[]` (TypeScript's rule for mixin classes, TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withJsonChangeCheck<TBase extends abstract new (...args: any[]) => BotState>(Base: TBase) {
  abstract class JsonChangeState extends Base {
    /** botbuilder's per-instance symbol under which the turn's cached state lives (private there). */
    private get cacheKey(): symbol {
      const key = (this as unknown as { stateKey?: unknown }).stateKey;
      // A botbuilder release that renamed it must fail at the first turn, not keep state per call.
      if (typeof key !== 'symbol') throw new Error('botbuilder BotState no longer has its stateKey symbol');
      return key;
    }

    override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
      const cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
      if (!force && cached?.state) return cached.state;
      const key = await this.storageKey(context);
      const items = await this.storage.read([key]);
      const state = (items[key] as Record<string, unknown> | undefined) ?? {};
      context.turnState.set(this.cacheKey, { state, hash: snapshotOf(state) } satisfies CachedState);
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      let cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
      const snapshot = cached ? snapshotOf(cached.state) : '';
      if (!force && (!cached || cached.hash === snapshot)) return;
      const key = await this.storageKey(context);
      const written = cached === undefined ? '{}' : snapshot;
      cached ??= { state: {}, hash: '' };
      cached.state.eTag = '*';
      await this.storage.write({ [key]: cached.state });
      // What was written (a change made while the write ran is still "changed" for the next save).
      cached.hash = written;
      context.turnState.set(this.cacheKey, cached);
    }
  }
  return JsonChangeState;
}

export class JsonConversationState extends withJsonChangeCheck(ConversationState) {
  constructor(storage: Storage) {
    super(storage);
  }
}

export class JsonPrivateConversationState extends withJsonChangeCheck(PrivateConversationState) {
  constructor(storage: Storage) {
    super(storage);
  }
}

export class JsonUserState extends withJsonChangeCheck(UserState) {
  constructor(storage: Storage) {
    super(storage);
  }
}
