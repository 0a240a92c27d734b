import type { TeamsClient, SendOptions } from './teamsClient.js';

/** The body of an `adaptiveCard/action` invoke response (Universal Actions). */
export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

export interface InvokeResult {
  status: number;
  body: InvokeAnswer;
}

/**
 * Sends what Teams sends when a user presses an `Action.Execute` (or a card refreshes): an invoke
 * named `adaptiveCard/action` whose value holds the action's verb and data; `replyToId` names the
 * message holding the card. Returns the HTTP status and the invoke response body.
 */
export async function execute(
  client: TeamsClient,
  verb: string,
  data: Record<string, unknown>,
  options: SendOptions & { replyToId?: string; trigger?: 'manual' | 'automatic' } = {},
): Promise<InvokeResult> {
  const base = client.activity('', options);
  const { text: _text, ...rest } = base;
  const activity = {
    ...rest,
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
  };
  const response = await client.post(activity);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as InvokeAnswer };
}

type Json = Record<string, unknown>;

/** Every Action.Execute of a card (ShowCards and ActionSets included, not the refresh), in order. */
export function executeActionsOf(card: unknown): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item));
    else if (node && typeof node === 'object') {
      if (key === 'refresh' || key === 'fallback') return;
      const record = node as Json;
      if (record.type === 'Action.Execute') found.push(record);
      for (const [child, value] of Object.entries(record)) walk(value, child);
    }
  };
  walk(card);
  return found;
}

/** The Action.Execute with this title (or whose verb is `verb:<verb>`); throws when there is none. */
export function executeAction(card: unknown, title: string): { verb: string; data: Json } {
  const actions = executeActionsOf(card);
  const action = actions.find((a) =>
    title.startsWith('verb:') ? a.verb === title.slice(5) : a.title === title,
  );
  if (!action) {
    throw new Error(`no Action.Execute "${title}"; actions: ${actions.map((a) => a.title).join(', ')}`);
  }
  return { verb: String(action.verb), data: action.data as Json };
}

/** The card of a card answer; throws with the answer when it is not a card. */
export function answerCard(result: InvokeResult): Json {
  if (result.body.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected a card answer, got ${result.status} ${JSON.stringify(result.body)}`);
  }
  return result.body.value as Json;
}
