import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { actionData, cardsIn, visibleText, type SentCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ADELE, ALEX, MEGAN } from './support/teamsClient.js';

/** A name that is template syntax in every way adaptivecards-templating knows (no < > ; |). */
const TEMPLATE_NAME = "Prod ${customer.companyName} ${1+1} $when {x} ${json('')}";
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

/** The submit data of the first action (at any depth of the card) with this verb. */
function dataWithVerb(card: unknown, verb: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      // The submit data carries the verb; an Action.Execute names it too, but is not the data.
      const isAction = typeof object.type === 'string' && object.type.startsWith('Action.');
      if (object.verb === verb && !isAction) found.push(object);
      Object.values(object).forEach(walk);
    }
  };
  walk(card);
  if (!found[0]) throw new Error(`no action with verb ${verb}`);
  return found[0];
}

describe('HTTP end to end: hostile input (template syntax, prototype names, malformed invokes, bad text)', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;
  let counter = 0;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  const freshConversation = () => `conv-hostile-${++counter}`;
  const sandboxSnapshot = () =>
    readFileSync(join(sut.dataDir, 'partner-center', 'partner-center.json'), 'utf8');

  /** Sends and returns what the user sees of the replies to this one activity (all sent before the 200). */
  async function replies(
    conversationId: string,
    input: string | Record<string, unknown>,
    options: { user?: string; replyToId?: string } = {},
  ): Promise<string[]> {
    const before = sut.connector.calls.length;
    const activity = sut.client.activity(typeof input === 'string' ? input : '', {
      user: options.user ?? ALEX,
      conversationId,
      ...(typeof input === 'string' ? {} : { value: input }),
      ...(options.replyToId ? { extra: { replyToId: options.replyToId } } : {}),
    });
    const response = await sut.client.post(activity);
    expect(response.status).to.equal(200);
    return sut.connector.calls
      .slice(before)
      .filter(
        (call) =>
          call.activity.type === 'message' && call.path.includes(`/v3/conversations/${conversationId}/`),
      )
      .map((call) => visibleText(call.activity));
  }

  async function subscriptionsCard(user: string, conversationId: string): Promise<SentCard> {
    const texts = await replies(conversationId, 'subscriptions contoso pharma', { user });
    expect(texts.join('\n')).to.contain('Azure subscriptions of Contoso Pharmaceuticals');
    return cardsIn(sut.connector, conversationId).at(-1)!;
  }

  describe('${…} in user data is shown as typed', () => {
    it('a subscription renamed to template syntax is saved, confirmed, and listed for everyone', async () => {
      const conversationId = freshConversation();
      const card = await subscriptionsCard(ALEX, conversationId);
      const rename = dataWithVerb(card.content, 'subs.rename');
      const answer = await replies(
        conversationId,
        { ...rename, [String(rename.inputId)]: TEMPLATE_NAME },
        { replyToId: card.id },
      );
      expect(answer.join('\n')).to.contain(`Renamed to "${TEMPLATE_NAME}".`);
      expect(answer.join('\n')).to.not.contain('Something went wrong');

      for (const user of [MEGAN, ADELE, ALEX]) {
        const list = await subscriptionsCard(user, freshConversation());
        expect(visibleText({ attachments: [{ contentType: '', content: list.content }] })).to.contain(
          TEMPLATE_NAME,
        );
      }
    });

    it('typed text with template syntax is echoed literally in the "did not understand" answer', async () => {
      const [text] = await replies(freshConversation(), 'zzqx ${1+1} ${name} $when');
      expect(text).to.contain('I didn\'t understand "zzqx ${1+1} ${name} $when"');
    });

    it('a 5 000-character customer name is quoted back cut to 80 characters', async () => {
      const answer = await replies(freshConversation(), `customer ${'q'.repeat(5000)}`);
      expect(answer).to.have.length(1);
      expect(answer[0]).to.contain(`No customer matches "${'q'.repeat(79)}…"`);
      expect(answer[0].length).to.be.lessThan(400);
    });

    it('typed text with a lone surrogate is quoted back as well-formed text', async () => {
      const [text] = await replies(freshConversation(), 'zzqx \uD83D\u0000 end');
      expect(text).to.contain('I didn\'t understand "zzqx \uFFFD end"');
    });

    it('contact names with template syntax reach the confirmation card unchanged', async () => {
      const conversationId = freshConversation();
      await replies(conversationId, 'attest fabrikam', { user: MEGAN });
      const form = cardsIn(sut.connector, conversationId).at(-1)!;
      const values = {
        firstName: '${firstName}',
        lastName: "O'${1+1}",
        email: 'ana@fabrikam.com',
        phoneNumber: '${phone}',
        dateAgreed: '2026-01-15',
      };
      const texts = await replies(
        conversationId,
        { ...actionData(form.content, 'Review'), ...values },
        { user: MEGAN, replyToId: form.id },
      );
      const text = texts.join('\n');
      expect(text).to.contain('Confirm the attestation');
      expect(text).to.contain("${firstName} O'${1+1} (ana@fabrikam.com)");
      expect(text).to.contain('${phone}');
    });
  });

  describe('verbs and commands named like Object.prototype members are unknown', () => {
    for (const name of PROTOTYPE_NAMES) {
      it(`card verb "${name}" gets the same answer as any unknown verb`, async () => {
        const unknown = await replies(freshConversation(), { verb: 'no.such.verb' });
        const answer = await replies(freshConversation(), { verb: name });
        expect(unknown).to.have.length(1);
        expect(answer).to.deep.equal(unknown);
      });

      it(`typed "${name}" is answered as not understood`, async () => {
        const answer = await replies(freshConversation(), name);
        expect(answer).to.have.length(1);
        expect(answer[0]).to.contain(`I didn't understand "${name}"`);
      });

      it(`a "run command" button with "${name}" is refused as card data`, async () => {
        const answer = await replies(freshConversation(), { verb: 'command.run', command: name });
        expect(answer).to.deep.equal(['That card sent data I cannot use (command). Nothing was changed.']);
      });
    }
  });

  describe('malformed invokes get a well-formed invoke response and no chat message', () => {
    const ME = 'composeExtension/query';
    const AC = 'adaptiveCard/action';
    const matrix: Array<[label: string, activity: Record<string, unknown>, status: number]> = [
      ['adaptiveCard/action without value', { name: AC }, 400],
      ['adaptiveCard/action with a string value', { name: AC, value: 'x' }, 400],
      ['adaptiveCard/action with an array value', { name: AC, value: [1] }, 400],
      ['adaptiveCard/action without action', { name: AC, value: {} }, 400],
      ['adaptiveCard/action with action null', { name: AC, value: { action: null } }, 400],
      [
        'adaptiveCard/action with Action.Submit',
        { name: AC, value: { action: { type: 'Action.Submit' } } },
        400,
      ],
      [
        'adaptiveCard/action with a numeric verb',
        { name: AC, value: { action: { type: 'Action.Execute', verb: 5 } } },
        400,
      ],
      [
        'adaptiveCard/action with string data',
        { name: AC, value: { action: { type: 'Action.Execute', data: 'x' } } },
        400,
      ],
      [
        'adaptiveCard/action with a prototype verb',
        { name: AC, value: { action: { type: 'Action.Execute', verb: '__proto__' } } },
        200,
      ],
      [
        'adaptiveCard/action from nobody (no from)',
        { name: AC, value: { action: { type: 'Action.Execute', verb: 'x' } }, from: null },
        200,
      ],
      ['composeExtension/query without value', { name: ME }, 400],
      ['composeExtension/query with a number value', { name: ME, value: 7 }, 400],
      ['composeExtension/query with string parameters', { name: ME, value: { parameters: 'x' } }, 400],
      ['composeExtension/query with a null parameter', { name: ME, value: { parameters: [null] } }, 400],
      [
        'composeExtension/query with an object parameter value',
        { name: ME, value: { parameters: [{ name: 'query', value: {} }] } },
        400,
      ],
      [
        'composeExtension/query with a 10 000-character query',
        { name: ME, value: { parameters: [{ name: 'query', value: 'x'.repeat(10_000) }] } },
        400,
      ],
      [
        'composeExtension/query with a numeric commandId',
        { name: ME, value: { commandId: 1, parameters: [] } },
        400,
      ],
      [
        'composeExtension/query with string queryOptions',
        { name: ME, value: { parameters: [], queryOptions: 'x' } },
        400,
      ],
      [
        'composeExtension/query with template syntax',
        { name: ME, value: { parameters: [{ name: 'query', value: '${1+1}' }] } },
        200,
      ],
      ['an unknown invoke name', { name: 'foo/bar', value: {} }, 400],
      ['an invoke without a name', {}, 400],
      ['a numeric invoke name', { name: 42 }, 400],
      ['an invoke named like a prototype member', { name: 'constructor' }, 400],
      ['task/fetch (not used by this app)', { name: 'task/fetch', value: 'x' }, 400],
      ['fileConsent/invoke without value', { name: 'fileConsent/invoke' }, 400],
      ['application/search with a string value', { name: 'application/search', value: 'x' }, 400],
      ['config/fetch', { name: 'config/fetch', value: null }, 400],
    ];
    for (const [label, fields, status] of matrix) {
      it(`${label} → ${status} with a body`, async () => {
        const conversationId = freshConversation();
        const before = sut.connector.calls.length;
        const response = await sut.client.post({
          ...sut.client.activity('', { conversationId }),
          type: 'invoke',
          text: undefined,
          ...fields,
        });
        expect(response.status).to.equal(status);
        const body = (await response.json()) as Record<string, unknown>;
        if (status === 400) {
          expect(body).to.have.property('type', 'application/vnd.microsoft.error');
          expect(body).to.have.nested.property('value.code');
        } else {
          expect(body).to.satisfy(
            (b: Record<string, unknown>) => 'composeExtension' in b || 'statusCode' in b,
          );
        }
        expect(JSON.stringify(body)).to.not.match(/TypeError|at Object\.|node_modules|\.ts:\d/);
        const messages = sut.connector.calls.slice(before).filter((call) => call.activity.type === 'message');
        expect(messages.map((call) => visibleText(call.activity))).to.deep.equal([]);
      });
    }
  });

  describe('activities with fields of the wrong type', () => {
    it('a numeric serviceUrl gets 400 (not a 500 with the TypeError text) and no reply', async () => {
      const response = await sut.client.post({ ...sut.client.activity('help'), serviceUrl: 5 });
      expect(response.status).to.equal(400);
      expect(await response.text()).to.not.match(/TypeError|toLowerCase/);
    });

    it('a tenant id that is not text is refused, never taken for the partner tenant', async () => {
      const conversationId = freshConversation();
      const before = sut.connector.calls.length;
      const activity = sut.client.activity('help', { conversationId });
      const response = await sut.client.post({
        ...activity,
        conversation: { ...activity.conversation, tenantId: { id: 'x' } },
      });
      expect(response.status).to.equal(400);
      const texts = sut.connector.calls.slice(before).map((call) => visibleText(call.activity));
      expect(texts.join('\n')).to.not.contain('What you can do');
    });

    const answered: Array<[label: string, fields: Record<string, unknown>]> = [
      ['a numeric locale', { locale: 5 }],
      ['numeric text', { text: 42 }],
      ['entities that are not a list', { entities: 'x' }],
      ['entities: null', { entities: null }],
      ['a mention without "mentioned"', { entities: [{ type: 'mention' }] }],
      ['a numeric recipient id', { recipient: { id: 5 } }],
      ['attachments that are not a list', { attachments: 'x' }],
    ];
    for (const [label, fields] of answered) {
      it(`${label}: the user still gets an answer, not an error`, async () => {
        const conversationId = freshConversation();
        const before = sut.connector.calls.length;
        const response = await sut.client.post({
          ...sut.client.activity(typeof fields.text === 'number' ? '' : 'help', { conversationId }),
          ...fields,
        });
        expect(response.status).to.equal(200);
        const texts = sut.connector.calls
          .slice(before)
          .filter((call) => call.activity.type === 'message')
          .map((call) => visibleText(call.activity));
        expect(texts).to.have.length(1);
        expect(texts[0]).to.not.contain('Something went wrong');
      });
    }
  });

  describe('names with control characters, lone surrogates or over the limit are refused; nothing changes', () => {
    const refused: Array<[label: string, name: string, message: string]> = [
      ['a lone surrogate', 'Prod \uD83D', 'broken character'],
      ['a NUL character', 'Prod\u0000EU', 'control characters'],
      ['a line break', 'Prod\nEU', 'control characters'],
      ['a right-to-left override', 'Prod\u202EUE', 'control characters'],
      ['65 characters', 'x'.repeat(65), 'at most 64 characters'],
    ];
    for (const [label, name, message] of refused) {
      it(`rename to a name with ${label}`, async () => {
        const conversationId = freshConversation();
        const card = await subscriptionsCard(ALEX, conversationId);
        const rename = dataWithVerb(card.content, 'subs.rename');
        const before = sandboxSnapshot();
        const answer = await replies(
          conversationId,
          { ...rename, [String(rename.inputId)]: name },
          { replyToId: card.id },
        );
        expect(answer).to.have.length(1);
        expect(answer[0]).to.contain(message);
        expect(sandboxSnapshot()).to.equal(before);
      });
    }

    it('create a subscription named with a control character', async () => {
      const conversationId = freshConversation();
      const card = await subscriptionsCard(ALEX, conversationId);
      const create = dataWithVerb(card.content, 'subs.create');
      const before = sandboxSnapshot();
      const answer = await replies(
        conversationId,
        { ...create, [String(create.inputId)]: 'Research\u0007' },
        { replyToId: card.id },
      );
      expect(answer.join('\n')).to.contain('control characters');
      expect(sandboxSnapshot()).to.equal(before);
    });

    it('an attestation contact with a control character is sent back to the form', async () => {
      const conversationId = freshConversation();
      await replies(conversationId, 'attest fabrikam', { user: MEGAN });
      const form = cardsIn(sut.connector, conversationId).at(-1)!;
      const before = sandboxSnapshot();
      const texts = await replies(
        conversationId,
        {
          ...actionData(form.content, 'Review'),
          firstName: 'Ana\u0000',
          lastName: 'x'.repeat(101),
          email: 'ana@fabrikam.com',
          dateAgreed: '2026-01-15',
        },
        { user: MEGAN, replyToId: form.id },
      );
      const text = texts.join('\n');
      expect(text).to.contain('Remove control characters');
      expect(text).to.contain('Enter at most 100 characters.');
      expect(text).to.not.contain('Confirm the attestation');
      expect(sandboxSnapshot()).to.equal(before);
    });
  });
});
