import { expect } from 'chai';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { BotFeature } from '../../src/bot/createBot.js';
import { describeError } from '../../src/bot/errorMessages.js';
import { DomainError } from '../../src/domain/errors.js';
import { Translator } from '../../src/i18n/translator.js';
import { BotHarness, textOf } from '../support/botHarness.js';
import { FakeDirectory, PARTNER, user } from '../support/fakeDirectory.js';

/** A flow that is refused half-way (e.g. its service checks a permission the user lacks). */
class RefusedFlow extends Dialog {
  static readonly ID = 'refusedFlow';
  constructor() {
    super(RefusedFlow.ID);
  }
  override async beginDialog(_dc: DialogContext): Promise<DialogTurnResult> {
    throw refusal('billing.view');
  }
}

const refusal = (operation: string) =>
  new DomainError('forbidden', { operation, yourRoles: ['HelpdeskAgent'], partner: PARTNER.name });
const t = new Translator('en-US');

describe('A permission refusal is never the generic error', () => {
  const diego = user('00000000-0000-0000-0000-0000000000024', 'Diego Siciliani', ['HelpdeskAgent']);
  const feature: BotFeature = {
    dialogs: [new RefusedFlow()],
    commands: {
      customers: async (scope) => {
        await scope.dc.beginDialog(RefusedFlow.ID);
      },
    },
  };

  it('a refusal thrown inside a running dialog names the missing roles and who grants them', async () => {
    const harness = new BotHarness(new FakeDirectory([diego]), [feature]);
    const replies = await harness.say({ aadObjectId: diego.aadObjectId }, 'customers');
    expect(replies.map(textOf)).to.deep.equal([describeError(t, refusal('billing.view'))]);
    const text = textOf(replies[0]);
    for (const role of ['Admin agent', 'Billing admin', 'Global admin']) expect(text).to.contain(role);
  });

  it('a forged card verb of a flow the user may not run is refused with the role, not "stale card"', async () => {
    const harness = new BotHarness(new FakeDirectory([diego]), []);
    const replies = await harness.say(
      { aadObjectId: diego.aadObjectId },
      { verb: 'buy.confirm', flowId: 'forged', customerId: '4a9d2601-413f-4fde-8fee-3c7987ff6ce9' },
    );
    expect(replies.map(textOf)).to.deep.equal([describeError(t, refusal('plan.purchase'))]);
    expect(textOf(replies[0])).to.contain('User management admin');
  });
});
