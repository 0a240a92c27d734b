import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { expect } from 'chai';
import { CardRenderer, defaultCardDirectories } from '../../src/cards/cardRenderer.js';
import {
  executeActions,
  isUserBoundCard,
  liveRefreshData,
  readOnlyView,
  toUniversalActions,
  type CardJson,
} from '../../src/cards/universalActions.js';
import { adaptiveCardProblems } from './adaptiveCardValidator.js';
import { cardFiles } from './cardFiles.js';

const files = cardFiles();
const templates = [...files.keys()].sort();

type Json = Record<string, unknown>;

/** Every action of a type (not inside a fallback), in document order. */
function actionsOfType(card: unknown, type: string): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item));
    else if (node && typeof node === 'object') {
      if (key === 'fallback' || key === 'refresh') return;
      const record = node as Json;
      if (record.type === type) found.push(record);
      for (const [child, value] of Object.entries(record)) walk(value, child);
    }
  };
  walk(card);
  return found;
}

const hasVerb = (action: Json) => typeof (action.data as { verb?: unknown } | undefined)?.verb === 'string';

describe('Universal Actions card transform (every template with its sample)', () => {
  const renderer = new CardRenderer(defaultCardDirectories());

  for (const name of templates) {
    const sample = JSON.parse(readFileSync(files.get(name)?.sample ?? name, 'utf8')) as object;
    const template = JSON.parse(readFileSync(files.get(name)?.template ?? name, 'utf8')) as object;
    const raw = new ACData.Template(template).expand({ $root: sample }) as Json;
    const submits = actionsOfType(raw, 'Action.Submit').filter(hasVerb);
    if (submits.length === 0) continue;

    it(`${name}: each of its ${submits.length} verb'd Action.Submit is an Action.Execute with the Submit as fallback`, () => {
      const card = renderer.render(name, sample);
      expect(card.version).to.equal('1.5');
      expect(
        actionsOfType(card, 'Action.Submit').filter(hasVerb),
        "no verb'd Submit outside a fallback",
      ).to.deep.equal([]);
      const executes = actionsOfType(card, 'Action.Execute');
      expect(executes).to.have.length(submits.length);
      executes.forEach((execute, index) => {
        const submit = submits[index]!;
        expect(execute.title).to.equal(submit.title);
        expect(execute.verb).to.equal((submit.data as { verb: string }).verb);
        expect(execute.data).to.deep.equal(submit.data);
        const fallback = execute.fallback as Json;
        expect(fallback.type).to.equal('Action.Submit');
        expect(fallback.title).to.equal(submit.title);
        expect(fallback.data, 'the fallback carries the same data').to.deep.equal(execute.data);
        if (submit.style !== undefined)
          expect([execute.style, fallback.style]).to.deep.equal([submit.style, submit.style]);
        if (submit.associatedInputs !== undefined)
          expect(fallback.associatedInputs).to.equal(submit.associatedInputs);
      });
      expect(adaptiveCardProblems(card)).to.deep.equal([]);
    });
  }

  it('leaves Submits without a verb, other actions and the input card alone', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x' }],
      actions: [
        { type: 'Action.Submit', title: 'No verb', data: { x: 1 } },
        { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.com' },
      ],
    };
    const copy = structuredClone(card);
    expect(toUniversalActions(card)).to.deep.equal(copy);
    expect(card).to.deep.equal(copy, 'the input is not modified');
  });
});

describe('Universal Actions views', () => {
  const flowCard: CardJson = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Attest MCA acceptance: Fabrikam' },
      { type: 'Input.Text', id: 'firstName' },
      { type: 'ActionSet', actions: [{ type: 'Action.Execute', verb: 'a', data: { verb: 'a' } }] },
      {
        type: 'Container',
        selectAction: { type: 'Action.Execute', verb: 'b' },
        items: [{ type: 'TextBlock', text: 'Facts' }],
      },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: 'Review',
        verb: 'attest.review',
        data: { verb: 'attest.review', flowId: 'f' },
      },
    ],
  };

  it('a read-only view keeps the text, drops inputs and buttons, and says who started it', () => {
    const view = readOnlyView(flowCard, 'Started by Megan Bowen. Only they can use its buttons.');
    const json = JSON.stringify(view);
    expect(json).to.contain('Attest MCA acceptance: Fabrikam').and.to.contain('Facts');
    expect(json).to.not.contain('Input.').and.to.not.contain('Action.');
    expect((view.body as Json[]).at(-1)).to.include({
      text: 'Started by Megan Bowen. Only they can use its buttons.',
    });
    expect(adaptiveCardProblems(view)).to.deep.equal([]);
  });

  const bound: [string, CardJson, boolean][] = [
    ['a flow card (flowId)', flowCard, true],
    [
      'a card of one user (userId)',
      { actions: [{ type: 'Action.Execute', verb: 'x', data: { verb: 'x', userId: 'u' } }] },
      true,
    ],
    [
      'a help card of free buttons',
      {
        actions: [
          { type: 'Action.Execute', verb: 'command.run', data: { verb: 'command.run', command: 'help' } },
        ],
      },
      false,
    ],
    ['a card without buttons', { body: [] }, false],
  ];
  for (const [label, card, expected] of bound) {
    it(`${label} is ${expected ? '' : 'not '}user-specific in group chats`, () => {
      expect(isUserBoundCard(card)).to.equal(expected);
    });
  }

  it('the transition status card is live (refreshes with transition.show); other cards are not', () => {
    expect(liveRefreshData('transition-status', { customerId: 'c1' })).to.deep.equal({
      verb: 'transition.show',
      customerId: 'c1',
      liveRefresh: true,
    });
    expect(liveRefreshData('result', { customerId: 'c1' })).to.equal(undefined);
    expect(executeActions(flowCard)).to.have.length(3);
  });
});
