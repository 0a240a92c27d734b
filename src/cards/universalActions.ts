/**
 * Universal Actions for Adaptive Cards (teams-conventions.md, "Action.Submit vs Action.Execute"):
 * every button whose data has a `verb` is sent as an `Action.Execute` with that verb, and an
 * `Action.Submit` with the same title and the same data as its `fallback` for clients without
 * Universal Actions. Pure JSON transforms; the card templates keep writing `Action.Submit`.
 */

/** An expanded Adaptive Card (or a part of one). */
export type CardJson = Record<string, unknown>;

/** The verb of the refresh action of a user-specific card (answered from the stored views). */
export const CARD_REFRESH_VERB = 'card.refresh';
/** Marks the data of a live card's refresh action: the invoke answers with the card the verb shows. */
export const LIVE_REFRESH_FIELD = 'liveRefresh';

const isRecord = (value: unknown): value is CardJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The verb of an action's data, or undefined when it has none. */
function verbOf(data: unknown): string | undefined {
  if (!isRecord(data)) return undefined;
  return typeof data.verb === 'string' && data.verb !== '' ? data.verb : undefined;
}

/** Properties of Action.Submit that Action.Execute has too (Adaptive Cards 1.5 schema). */
const SHARED_ACTION_PROPERTIES = ['id', 'iconUrl', 'style', 'isEnabled', 'tooltip', 'mode', 'requires'];

function toExecute(action: CardJson): CardJson {
  const data = action.data as CardJson;
  const shared: CardJson = {};
  for (const key of SHARED_ACTION_PROPERTIES) if (key in action) shared[key] = action[key];
  const fallback: CardJson = { type: 'Action.Submit', data };
  if (action.title !== undefined) fallback.title = action.title;
  if (action.style !== undefined) fallback.style = action.style;
  if (action.associatedInputs !== undefined) fallback.associatedInputs = action.associatedInputs;
  return {
    type: 'Action.Execute',
    ...(action.title !== undefined ? { title: action.title } : {}),
    verb: verbOf(data),
    data,
    ...shared,
    ...(action.associatedInputs !== undefined ? { associatedInputs: action.associatedInputs } : {}),
    fallback,
  };
}

/**
 * Every `Action.Submit` whose data has a verb (in `actions`, ActionSets, ShowCards, selectActions)
 * becomes `Action.Execute` with that verb and the Submit as fallback; everything else is unchanged.
 * Returns a new card; the input is not modified.
 */
export function toUniversalActions<T>(card: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    if (node.type === 'Action.Submit' && verbOf(node.data) !== undefined) return toExecute(node);
    const copy: CardJson = {};
    for (const [key, value] of Object.entries(node)) copy[key] = key === 'fallback' ? value : walk(value);
    return copy;
  };
  return walk(card) as T;
}

/** Every Action.Execute of a card (not the refresh action), in document order. */
export function executeActions(card: unknown): CardJson[] {
  const found: CardJson[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item));
    else if (isRecord(node)) {
      if (key === 'refresh' || key === 'fallback') return;
      if (node.type === 'Action.Execute') found.push(node);
      for (const [child, value] of Object.entries(node)) walk(value, child);
    }
  };
  walk(card);
  return found;
}

/**
 * True when the card's buttons belong to one user: some action's data names the user (`userId`)
 * or the flow (`flowId`) it was shown for. In group chats such a card is user-specific; cards of
 * free buttons (help, a customer list) stay the same for everyone.
 */
export function isUserBoundCard(card: unknown): boolean {
  return executeActions(card).some((action) => {
    const data = action.data;
    return isRecord(data) && (typeof data.userId === 'string' || typeof data.flowId === 'string');
  });
}

const INTERACTIVE_ELEMENT = /^(Input\.|ActionSet$)/;

/**
 * The card as everyone else sees it: its text, facts and images without inputs or buttons, and a
 * subtle line at the end (e.g. "Started by Megan · only they can use its buttons").
 */
export function readOnlyView(card: CardJson, note: string): CardJson {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node
        .filter(
          (item) => !(isRecord(item) && typeof item.type === 'string' && INTERACTIVE_ELEMENT.test(item.type)),
        )
        .map(walk);
    }
    if (!isRecord(node)) return node;
    const copy: CardJson = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'actions' || key === 'selectAction' || key === 'refresh') continue;
      copy[key] = walk(value);
    }
    return copy;
  };
  const view = walk(card) as CardJson;
  const body = Array.isArray(view.body) ? view.body : [];
  view.body = [...body, { type: 'TextBlock', text: note, isSubtle: true, wrap: true, spacing: 'Medium' }];
  return view;
}

/** The card with a `refresh` running `verb` with `data`; `userIds` limits who refreshes it. */
export function withRefresh(card: CardJson, data: CardJson, userIds?: readonly string[]): CardJson {
  const verb = verbOf(data) ?? CARD_REFRESH_VERB;
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', verb, data },
      ...(userIds ? { userIds: [...userIds] } : {}),
    },
  };
}

/**
 * Cards that show something still changing, and the verb + data that show them again up to date
 * (answered from the current state when the card is opened). Keyed by template name.
 */
const LIVE_CARDS: Readonly<Record<string, (data: CardJson) => CardJson | undefined>> = {
  'transition-status': (data) =>
    typeof data.customerId === 'string'
      ? { verb: 'transition.show', customerId: data.customerId, [LIVE_REFRESH_FIELD]: true }
      : undefined,
  // The MCA status after an attestation: opened again, it shows whether the signatory accepted.
  'mca-status': (data) =>
    typeof data.customerId === 'string'
      ? { verb: 'mca.status', customerId: data.customerId, [LIVE_REFRESH_FIELD]: true }
      : undefined,
};

/** The refresh data of a live card of this template, or undefined when the card is not live. */
export function liveRefreshData(template: string, data: object): CardJson | undefined {
  if (!Object.hasOwn(LIVE_CARDS, template)) return undefined;
  return LIVE_CARDS[template]!(data as CardJson);
}

/** The card as sent: Universal Actions, plus a refresh when the template shows a live state. */
export function universalCard(template: string, data: object, card: CardJson): CardJson {
  const universal = toUniversalActions(card);
  const live = liveRefreshData(template, data);
  return live ? withRefresh(universal, live) : universal;
}
