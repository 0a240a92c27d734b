import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { cardsIn, visibleText, type ConnectorCall } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ADELE, ALEX, MEGAN } from './support/teamsClient.js';

/**
 * Fuzzing the real HTTP endpoint (loopback only: the bot, a fake connector, nothing else).
 * FUZZ_COUNT activities (default 10 000) are generated from a seeded PRNG (FUZZ_SEED), each from
 * its own index, so a failure names the request that caused it and replays the same way whatever
 * the scheduling. They go out FUZZ_CONCURRENCY (default 16) at a time. Kinds:
 * - text: typed text a user could send (commands, hostile strings, broken Unicode, long text);
 * - submit: card submits with random or prototype verbs and fields of random types;
 * - tampered: submits built from the bot's own cards with at least one field tampered so the
 *   action must be refused (another user's card, a bad name, a non-GUID customer, a bad verb);
 * - invoke: invokes with random names and values of random types;
 * - malformed: activities with fields of the wrong type, missing, or unknown activity types;
 * - raw: bodies that are not activities (broken JSON, arrays, primitives, wrong content type).
 * Asserts: the server never answers 5xx and keeps running; every text/submit/tampered message gets
 * a reply; no invoke gets a chat message; no reply or response body shows a stack trace or an
 * internal name; the sandbox data (customers, subscriptions, agreements, orders, audit …) is
 * byte-for-byte the same afterwards, because every input that could change it is refused.
 */
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 16);

const OTHER_PARTNER_USERS = [
  '00000000-0000-0000-0000-0000000000023',
  '00000000-0000-0000-0000-0000000000024',
  '00000000-0000-0000-0000-0000000000025',
];
const USERS = [ALEX, MEGAN, ADELE, ...OTHER_PARTNER_USERS, '99999999-0000-0000-0000-000000000099'];
const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
];
const VERBS = [
  'command.run',
  'customer.show',
  'subs.show',
  'subs.rename',
  'subs.create',
  'subs.suspend',
  'subs.reactivate',
  'subs.suspendPlan',
  'subs.reactivatePlan',
  'price.pick',
  'attest.review',
  'attest.confirm',
  'attest.edit',
  'attest.cancel',
  'purchase.confirm',
  'transition.confirm',
  'flow.cancel',
  '',
  ' ',
  'SUBS.RENAME',
  'subs.rename ',
  ...PROTOTYPE_NAMES,
];
const COMMANDS = [
  'help',
  'whoami',
  'customers',
  'customer contoso',
  'customer',
  'subscriptions contoso pharma',
  'subscriptions',
  'attest',
  'attest fabrikam',
  'agreements northwind',
  'buy azure plan',
  'buy azure plan northwind',
  'transition',
  'transition status woodgrove',
  'price D4s v5 windows west europe 730h',
  'price',
  'pec',
  'pec 30 days',
  'billing',
  'billing which invoice has usage on 15 october',
  'availability norway',
  'compare offers',
  'cancel',
  'recon',
  '도움말',
  '구독 콘토소',
  '가격 D4s v5',
  'hi',
  'menu',
  '?',
];
const HOSTILE = [
  '${1+1}',
  '${name}',
  "${json('{}')}",
  '${$root}',
  '${',
  '}',
  '$when',
  '$data',
  '{name}',
  '{count, plural, one {#} other {#}}',
  "'; DROP TABLE customers; --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '<at>Azure plan assistant</at>',
  '**bold** [link](http://127.0.0.1/)',
  '\uD83D',
  '\uDE00',
  '\u0000',
  '\u0007\u001B[31m',
  '\u202Eevil',
  '\u200B\u200D\uFEFF',
  '🚀👨‍👩‍👧',
  '콘토소',
  'Ǆ̈́̈́̈́̈́',
  'NaN',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'null',
  'undefined',
  ...PROTOTYPE_NAMES,
];

/** mulberry32: small, fast, good enough to pick fuzz cases reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly random: () => number) {}
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  /** Random characters from ranges that break things: controls, surrogates, bidi, CJK, emoji. */
  chars(length: number): string {
    const ranges: Array<[number, number]> = [
      [0x20, 0x7e],
      [0x20, 0x7e],
      [0x00, 0x1f],
      [0x7f, 0x9f],
      [0xd800, 0xdfff],
      [0x2028, 0x202e],
      [0xac00, 0xd7a3],
      [0x1f300, 0x1f6ff],
    ];
    let text = '';
    for (let i = 0; i < length; i += 1) {
      const [from, to] = this.pick(ranges);
      text += String.fromCodePoint(from + this.int(to - from + 1));
    }
    return text;
  }
  text(): string {
    const parts: string[] = [];
    if (this.chance(0.5)) parts.push(this.pick(COMMANDS));
    const extra = this.int(3);
    for (let i = 0; i < extra; i += 1) {
      const roll = this.int(10);
      if (roll < 5) parts.push(this.pick(HOSTILE));
      else if (roll < 8) parts.push(this.chars(1 + this.int(12)));
      else if (roll < 9) parts.push('x'.repeat(100 + this.int(this.chance(0.1) ? 3000 : 300)));
      else parts.push(this.pick(COMMANDS));
    }
    return parts.join(this.pick([' ', '', '\n', '  ']));
  }
  /** A JSON value of a random type (what a tampered client could put in any field). */
  value(depth = 0): unknown {
    const roll = this.int(depth > 1 ? 7 : 10);
    switch (roll) {
      case 0:
        return null;
      case 1:
        return this.int(2000) - 1000;
      case 2:
        return this.chance(0.5);
      case 3:
      case 4:
        return this.pick(HOSTILE);
      case 5:
        return this.text();
      case 6:
        return '';
      case 7:
        return [this.value(depth + 1), this.value(depth + 1)];
      default: {
        const object: Record<string, unknown> = {};
        const keys = this.int(4);
        for (let i = 0; i < keys; i += 1)
          object[this.pick(['verb', 'customerId', 'name', 'query', ...PROTOTYPE_NAMES, 'x'])] = this.value(
            depth + 1,
          );
        return object;
      }
    }
  }
}

type Kind = 'text' | 'submit' | 'tampered' | 'invoke' | 'malformed' | 'raw';
const INTERNAL =
  /\b(TypeError|ReferenceError|SyntaxError|RangeError|CardTemplateError|DomainError|ValidationError|InvokeException|RestError|ZodError)\b|\bat (Object|async|new|process|Function)\b|node_modules|\/work\/|\/tmp\/|\.(ts|js):\d+|Cannot read propert|is not a function|\[object Object\]/;

interface Planned {
  kind: Kind;
  body: unknown;
  /** Raw string bodies and their content type (kind raw). */
  contentType?: string;
  /** The activity id whose replies are looked for (kinds with a user behind them). */
  activityId?: string;
  replyToId?: string;
  conversationId?: string;
  expectReply: boolean;
  expectNoMessage: boolean;
}

describe('HTTP end to end: fuzz (seeded, bounded, loopback only)', function () {
  this.timeout(300_000);
  let sut: AppUnderTest;
  /** Submit data of the bot's own cards, per conversation, to tamper with. */
  const harvested: Array<{ conversationId: string; user: string; data: Record<string, unknown> }> = [];

  before(async () => {
    // State files on a RAM disk where there is one: the fuzz is about the bot, not about fsync.
    const tmpdir = process.env.TMPDIR;
    if (existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';
    try {
      sut = await startAppUnderTest();
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    const harvest = async (user: string, conversationId: string, texts: string[]) => {
      for (const text of texts) {
        const response = await sut.client.say(text, { user, conversationId });
        expect(response.status).to.equal(200);
      }
      for (const card of cardsIn(sut.connector, conversationId)) {
        const walk = (value: unknown): void => {
          if (Array.isArray(value)) value.forEach(walk);
          else if (value && typeof value === 'object') {
            const object = value as Record<string, unknown>;
            if (typeof object.verb === 'string') harvested.push({ conversationId, user, data: object });
            Object.values(object).forEach(walk);
          }
        };
        walk(card.content);
      }
    };
    await harvest(ALEX, 'fuzz-subs', ['subscriptions contoso pharma', 'customers', 'help']);
    await harvest(MEGAN, 'fuzz-attest', ['attest fabrikam']);
    await harvest(MEGAN, 'fuzz-buy', ['buy azure plan northwind']);
    await harvest(ADELE, 'fuzz-transition', ['transition woodgrove']);
    expect(harvested.length).to.be.greaterThan(10);
  });
  after(async () => sut?.stop());

  function plan(index: number): Planned {
    const g = new Gen(prng(SEED ^ Math.imul(index + 1, 0x9e3779b1)));
    const id = `fz-${index}`;
    const roll = g.int(100);
    const conversationId = `fuzz-${g.int(48)}`;
    const user = g.pick(USERS);
    const base = () =>
      sut.client.activity('', {
        user,
        conversationId,
        locale: g.pick(['en-US', 'ko-KR', 'en-GB', 'ko', '', 'xx-INVALID']),
      }) as Record<string, unknown>;

    if (roll < 22) {
      return {
        kind: 'text',
        body: { ...base(), id, text: g.text() },
        activityId: id,
        expectReply: true,
        expectNoMessage: false,
      };
    }
    if (roll < 36) {
      const value: Record<string, unknown> = { verb: g.pick(VERBS) };
      const fields = g.int(6);
      for (let i = 0; i < fields; i += 1)
        value[
          g.pick([
            'customerId',
            'requestId',
            'flowId',
            'userId',
            'inputId',
            'command',
            'question',
            'planId',
            'azureSubscriptionId',
            'firstName',
            ...PROTOTYPE_NAMES,
          ])
        ] = g.value();
      const replyToId = `card-${index}`;
      return {
        kind: 'submit',
        body: { ...base(), id, text: g.chance(0.2) ? g.text() : '', value, replyToId },
        activityId: id,
        replyToId,
        expectReply: true,
        expectNoMessage: false,
      };
    }
    if (roll < 50) {
      const source = g.pick(harvested);
      const data: Record<string, unknown> = structuredClone(source.data);
      // One tamper that must make the action refused, then a few that may not.
      const fatal = g.int(4);
      if (fatal === 0) data.userId = g.pick(USERS.filter((u) => u !== source.user));
      else if (fatal === 1) data.verb = g.pick([...PROTOTYPE_NAMES, 'subs.nothing', '']);
      else if (fatal === 2 && typeof data.inputId === 'string' && data.inputId !== '')
        data[data.inputId] = g.pick([
          'Prod\u0000',
          'x'.repeat(65),
          'Prod \uD83D',
          'a|b',
          '   ',
          'Prod\u202E',
        ]);
      else if (typeof data.verb === 'string' && data.verb.startsWith('subs.'))
        data.customerId = g.pick(['not-a-guid', '${customerId}', '__proto__', '', '../x']);
      else data.userId = g.pick(USERS.filter((u) => u !== source.user));
      const extra = g.int(3);
      for (let i = 0; i < extra; i += 1)
        data[g.pick(['requestId', 'flowId', 'planId', 'resellerMpnId', 'question', 'x'])] = g.value();
      const replyToId = `card-${index}`;
      return {
        kind: 'tampered',
        body: {
          ...sut.client.activity('', { user: source.user, conversationId: source.conversationId }),
          id,
          value: data,
          replyToId,
        },
        activityId: id,
        replyToId,
        expectReply: true,
        expectNoMessage: false,
      };
    }
    if (roll < 76) {
      const name = g.pick([
        'adaptiveCard/action',
        'composeExtension/query',
        'composeExtension/selectItem',
        'composeExtension/submitAction',
        'composeExtension/fetchTask',
        'composeExtension/queryLink',
        'application/search',
        'task/fetch',
        'task/submit',
        'fileConsent/invoke',
        'signin/verifyState',
        'signin/tokenExchange',
        'actionableMessage/executeAction',
        'config/fetch',
        'tab/fetch',
        ...PROTOTYPE_NAMES,
        'foo/bar',
        '',
        42,
        null,
      ]);
      let value: unknown = g.value();
      if (name === 'adaptiveCard/action' && g.chance(0.6))
        value = {
          action: {
            type: g.chance(0.7) ? 'Action.Execute' : g.pick(['Action.Submit', 5, null]),
            verb: g.chance(0.8) ? g.pick(VERBS) : g.value(),
            data: g.chance(0.7) ? { verb: g.pick(VERBS), customerId: g.pick(HOSTILE) } : g.value(),
          },
        };
      if (name === 'composeExtension/query' && g.chance(0.6))
        value = {
          commandId: g.chance(0.8) ? 'priceSearch' : g.pick([5, '__proto__', null]),
          parameters: g.chance(0.7)
            ? [{ name: 'query', value: g.text().slice(0, 400) }]
            : g.pick([[{ name: 'query', value: g.value() }], g.value(), []]),
          queryOptions: g.chance(0.7) ? { skip: 0, count: 10 } : g.value(),
        };
      const body: Record<string, unknown> = { ...base(), id, type: 'invoke', text: undefined, value };
      if (name !== null) body.name = name;
      // A well-formed Action.Execute is a press on a card: like a submit it may be answered in the chat
      // too (e.g. the running flow is shown again). Every other invoke is answered only in its response.
      const action = (value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | null)
        ?.action;
      const isPress =
        name === 'adaptiveCard/action' &&
        action?.type === 'Action.Execute' &&
        typeof action.verb === 'string' &&
        typeof action.data === 'object' &&
        action.data !== null &&
        !Array.isArray(action.data);
      return { kind: 'invoke', body, activityId: id, expectReply: false, expectNoMessage: !isPress };
    }
    if (roll < 95) {
      const body = { ...base(), id, text: g.text() } as Record<string, unknown>;
      const corruptions = 1 + g.int(3);
      for (let i = 0; i < corruptions; i += 1) {
        const field = g.pick([
          'text',
          'locale',
          'from',
          'recipient',
          'conversation',
          'entities',
          'attachments',
          'channelData',
          'serviceUrl',
          'type',
          'id',
          'value',
          'replyToId',
          'timestamp',
          'channelId',
          'membersAdded',
        ]);
        if (field === 'serviceUrl') {
          // Only values that are refused before anything is sent: a fuzz never calls a real host.
          body.serviceUrl = g.pick([undefined, 5, {}, 'not a url', 'ftp://127.0.0.1/', '', null]);
        } else if (field === 'type') {
          body.type = g.pick([
            'message',
            'event',
            'conversationUpdate',
            'installationUpdate',
            'typing',
            'messageReaction',
            'invoke',
            'endOfConversation',
            'deleteUserData',
            'handoff',
            'foo',
            '',
            'MESSAGE',
            '__proto__',
          ]);
        } else if (field === 'from' || field === 'recipient' || field === 'conversation') {
          body[field] = g.pick([
            undefined,
            null,
            g.value(),
            { id: g.value(), aadObjectId: g.value(), tenantId: g.value(), name: g.value() },
            { id: 5, aadObjectId: ALEX },
          ]);
        } else if (field === 'attachments') {
          // File attachments only ever point at the fake connector (loopback).
          body.attachments = g.pick([
            g.value(),
            [null, 5],
            [
              {
                contentType: 'application/vnd.microsoft.teams.file.download.info',
                name: 'usage.csv',
                content: {
                  downloadUrl: `${String((body as { serviceUrl?: unknown }).serviceUrl)}/files/usage.csv`,
                },
              },
            ],
            [{ contentType: 5, name: {}, content: 'x' }],
          ]);
        } else if (field === 'entities') {
          body.entities = g.pick([
            null,
            'x',
            [5],
            [{ type: 'mention' }],
            [{ type: 'mention', mentioned: {}, text: 5 }],
            [{}],
            g.value(),
          ]);
        } else {
          body[field] = g.pick([undefined, null, g.value(), 5, {}, []]);
        }
      }
      return { kind: 'malformed', body, expectReply: false, expectNoMessage: false };
    }
    const raw = g.pick([
      '{"type": "message", oops',
      '[]',
      '[{"type":"message"}]',
      '42',
      '"message"',
      'null',
      '',
      '{}',
      '{"type": 5}',
      '{"type": null}',
      `{"type":"message","text":"${'a'.repeat(300 * 1024)}"}`,
      '\u0000\u0001',
      '{"__proto__": {"type": "message"}}',
    ]);
    return {
      kind: 'raw',
      body: raw,
      contentType: g.pick([
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
      ]),
      expectReply: false,
      expectNoMessage: false,
    };
  }

  it(`sends ${COUNT} fuzzed requests: no 5xx, a reply to every user message, no internals shown, no state changed`, async () => {
    const sandboxBefore = readFileSync(join(sut.dataDir, 'partner-center', 'partner-center.json'), 'utf8');
    const byKind = new Map<Kind, number>();
    const statuses = new Map<string, number>();
    // Up to 3 examples of each kind of failure, so one frequent problem does not hide the others.
    const failures: string[] = [];
    const failureKinds = new Map<string, number>();
    const fail = (index: number, kind: Kind, problem: string) => {
      const key = `${kind} ${problem.split(/[\s:]/).slice(0, 3).join(' ')}`;
      const seen = (failureKinds.get(key) ?? 0) + 1;
      failureKinds.set(key, seen);
      if (seen <= 3) failures.push(`#${index} (${kind}, FUZZ_SEED=${SEED}): ${problem}`);
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);

    const started = Date.now();
    const planned: Array<{ index: number; planned: Planned; status: number; ms: number }> = [];
    let next = 0;
    const worker = async () => {
      for (;;) {
        const index = next++;
        if (index >= COUNT) return;
        if (process.env.FUZZ_PROGRESS && index % 1000 === 0)
          console.log(`      ${index} after ${Date.now() - started} ms`);
        const p = plan(index);
        byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
        let status = 0;
        let text = '';
        const sentAt = Date.now();
        try {
          const response = await fetch(`${sut.app.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': p.contentType ?? 'application/json' },
            body: typeof p.body === 'string' ? p.body : JSON.stringify(p.body),
            signal: AbortSignal.timeout(30_000),
          });
          status = response.status;
          text = await response.text();
        } catch (error) {
          fail(index, p.kind, `no HTTP answer: ${(error as Error).message}`);
        }
        const key = `${p.kind} ${status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (status >= 500) fail(index, p.kind, `HTTP ${status} ${text.slice(0, 200)}`);
        if (INTERNAL.test(text))
          fail(index, p.kind, `internal detail in the HTTP body: ${text.slice(0, 200)}`);
        if (p.kind === 'invoke' && status === 200 && text === '')
          fail(index, p.kind, 'invoke answered without a body');
        planned.push({ index, planned: p, status, ms: Date.now() - sentAt });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = Date.now() - started;
    process.off('unhandledRejection', onUnhandled);

    // Every reply the bot sent was awaited before its HTTP answer, so the connector has them all now.
    const repliesTo = new Map<string, ConnectorCall[]>();
    for (const call of sut.connector.calls) {
      if (call.activity.type !== 'message') continue;
      const id = decodeURIComponent(call.path.split('/').pop() ?? '');
      repliesTo.set(id, [...(repliesTo.get(id) ?? []), call]);
      const shown = visibleText(call.activity as Partial<Activity>);
      if (INTERNAL.test(shown)) fail(-1, 'text', `internal detail in a reply: ${shown.slice(0, 300)}`);
    }
    let answered = 0;
    for (const { index, planned: p, status } of planned) {
      const replies = [
        ...(p.activityId ? (repliesTo.get(p.activityId) ?? []) : []),
        ...(p.replyToId ? (repliesTo.get(p.replyToId) ?? []).filter((call) => call.method === 'PUT') : []),
      ];
      if (p.expectReply && status === 200) {
        if (replies.length === 0) fail(index, p.kind, `no reply to ${JSON.stringify(p.body).slice(0, 300)}`);
        else answered += 1;
      }
      // An invoke is answered in its HTTP response. Updating the clicked card in place (PUT) is what a
      // Universal Action does for every reader, and other requests name the same card: only a NEW
      // message in the chat would be one nobody asked for.
      const newMessages = replies.filter((call) => call.method !== 'PUT');
      if (p.expectNoMessage && newMessages.length > 0)
        fail(
          index,
          p.kind,
          `an invoke got a chat message: ${visibleText(newMessages[0].activity).slice(0, 200)}`,
        );
    }

    const health = await fetch(`${sut.app.url}/healthz`);
    const sandboxAfter = readFileSync(join(sut.dataDir, 'partner-center', 'partner-center.json'), 'utf8');
    const summary = {
      seed: SEED,
      sent: planned.length,
      seconds: Math.round(elapsed / 100) / 10,
      byKind: Object.fromEntries([...byKind.entries()].sort()),
      statuses: Object.fromEntries([...statuses.entries()].sort()),
      userMessagesAnswered: answered,
      botMessages: [...repliesTo.values()].reduce((sum, calls) => sum + calls.length, 0),
      unhandledRejections: unhandled.length,
      meanMs: Object.fromEntries(
        [...byKind.keys()].sort().map((kind) => {
          const times = planned.filter((r) => r.planned.kind === kind).map((r) => r.ms);
          return [kind, Math.round(times.reduce((a, b) => a + b, 0) / Math.max(times.length, 1))];
        }),
      ),
      slowest: [...planned]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map((r) => `#${r.index} ${r.planned.kind} ${r.ms} ms`),
      failures: Object.fromEntries(failureKinds),
    };
    console.log(`      fuzz: ${JSON.stringify(summary)}`);

    expect(planned.length).to.equal(COUNT);
    expect(health.status, 'the server still answers').to.equal(200);
    expect(unhandled.map(String)).to.deep.equal([]);
    expect(failures).to.deep.equal([]);
    expect(sandboxAfter === sandboxBefore, 'sandbox data unchanged by refused input').to.equal(true);
  });
});
