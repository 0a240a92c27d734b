import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface ConnectorCall {
  method: string;
  path: string;
  activity: Partial<Activity>;
  authorization?: string;
}

/**
 * A fake Bot Framework connector (stack.md §2b): the bot posts its replies to
 * `{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]` and updates cards with PUT. Every
 * call is recorded so tests can wait for what a Teams user would see.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /**
   * Runs after a call is recorded and before it is answered (a test can kill the bot "right after
   * the card was sent": the bot never sees the answer).
   */
  beforeAnswer?: (call: ConnectorCall) => Promise<void> | void;
  private server?: Server;
  private counter = 0;
  private waiters: Array<() => void> = [];

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      let activity: Partial<Activity> = {};
      try {
        activity = body ? (JSON.parse(body) as Partial<Activity>) : {};
      } catch {
        activity = {};
      }
      const call: ConnectorCall = {
        method: req.method ?? '',
        path: req.url ?? '',
        activity,
        authorization: req.headers.authorization,
      };
      this.calls.push(call);
      this.counter += 1;
      const id = `reply-${this.counter}`;
      res.on('error', () => undefined);
      await this.beforeAnswer?.(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
      this.waiters.splice(0).forEach((wake) => wake());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Messages the bot sent (not typing indicators), optionally only in one conversation. */
  messages(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (call) =>
        call.activity.type === 'message' &&
        (conversationId === undefined ||
          call.path.includes(`/v3/conversations/${encodeURIComponent(conversationId)}/`)),
    );
  }

  /** Waits until `predicate` holds for the recorded calls (polled on every new call). */
  async waitFor<T>(
    predicate: (calls: ConnectorCall[]) => T | undefined | false,
    timeoutMs = 10_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = predicate(this.calls);
      if (result) return result;
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`FakeConnector: timed out after ${timeoutMs} ms; calls: ${this.calls.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Everything a user would read in a reply: text and all strings inside its cards. */
export function visibleText(activity: Partial<Activity>): string {
  const parts: string[] = [activity.text ?? ''];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const attachment of activity.attachments ?? []) walk(attachment.content);
  return parts.join('\n');
}

/** A card the bot sent or updated, with the id Teams knows it by (for replyToId on a submit). */
export interface SentCard {
  id: string;
  content: Record<string, unknown>;
}

/** Cards in one conversation in order, with updates (PUT) applied to the card they replace. */
export function cardsIn(connector: FakeConnector, conversationId: string): SentCard[] {
  const byId = new Map<string, Record<string, unknown>>();
  const order: string[] = [];
  connector.calls.forEach((call, index) => {
    if (!call.path.includes(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`)) return;
    const content = call.activity.attachments?.[0]?.content as Record<string, unknown> | undefined;
    if (!content) return;
    const id =
      call.method === 'PUT' ? decodeURIComponent(call.path.split('/').pop() ?? '') : `reply-${index + 1}`;
    if (!byId.has(id)) order.push(id);
    byId.set(id, content);
  });
  return order.map((id) => ({ id, content: byId.get(id)! }));
}

/** Waits until the conversation's latest card (updates applied) matches `predicate` on its JSON. */
export function waitForLastCard(
  connector: FakeConnector,
  conversationId: string,
  predicate: (json: string) => boolean,
): Promise<SentCard> {
  return connector.waitFor(() => {
    const card = cardsIn(connector, conversationId).at(-1);
    return card && predicate(JSON.stringify(card.content)) ? card : undefined;
  });
}

export function actionData(card: Record<string, unknown>, title: string): Record<string, unknown> {
  const actions = (card.actions ?? []) as Array<{ title: string; data: Record<string, unknown> }>;
  const action = actions.find((a) => a.title === title);
  if (!action) throw new Error(`no action "${title}"; actions: ${actions.map((a) => a.title).join(', ')}`);
  return action.data;
}
