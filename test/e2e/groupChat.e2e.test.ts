import { expect } from 'chai';
import { actionData, cardsIn } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ADELE, MEGAN, PARTNER_TENANT } from './support/teamsClient.js';
import { answerCard, execute } from './support/universalActions.js';

describe('HTTP end to end: two partner users in one group chat', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;
  const group = {
    id: 'group-csp-team',
    tenantId: PARTNER_TENANT,
    conversationType: 'groupChat',
    isGroup: true,
    name: 'CSP team chat',
  };

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  it("each user has their own flow; one user cannot press the other's card", async () => {
    const say = (user: string, text: string, value?: Record<string, unknown>, replyToId?: string) =>
      sut.client.post(
        sut.client.activity(text, {
          user,
          conversationId: group.id,
          value,
          extra: { conversation: group, ...(replyToId ? { replyToId } : {}) },
        }),
      );
    const lastCard = (match: string) =>
      sut.connector.waitFor(() =>
        cardsIn(sut.connector, group.id)
          .filter((card) => JSON.stringify(card.content).includes(match))
          .at(-1),
      );

    await say(MEGAN, 'attest fabrikam');
    const shared = await lastCard('Attest MCA acceptance: Fabrikam');
    // The chat shows a read-only view; Megan's Teams refreshes it into her card with the buttons.
    const { action } = shared.content.refresh as { action: { verb: string; data: Record<string, unknown> } };
    const refreshed = await execute(sut.client, action.verb, action.data, {
      user: MEGAN,
      conversationId: group.id,
      replyToId: shared.id,
      extra: { conversation: group },
    });
    const meganForm = { id: shared.id, content: answerCard(refreshed) };
    await say(ADELE, 'transition woodgrove');
    await lastCard('Transition Woodgrove Bank to the Azure plan');

    // Adele presses Megan's form: refused, and Megan's flow is untouched.
    await say(
      ADELE,
      '',
      {
        ...actionData(meganForm.content, 'Review'),
        firstName: 'X',
        lastName: 'Y',
        email: 'x@y.com',
        dateAgreed: '2026-11-20',
      },
      meganForm.id,
    );
    await sut.connector.waitFor(() =>
      sut.connector
        .messages(group.id)
        .find((call) => (call.activity.text ?? '').includes('started by someone else')),
    );

    // Megan continues her own form although Adele started a flow in the same chat since.
    await say(
      MEGAN,
      '',
      {
        ...actionData(meganForm.content, 'Review'),
        firstName: 'Ana',
        lastName: 'Lopez',
        email: 'ana@fabrikam.com',
        phoneNumber: '',
        dateAgreed: '2026-11-20',
      },
      meganForm.id,
    );
    const confirm = await lastCard('Confirm the attestation');
    expect(JSON.stringify(confirm.content)).to.contain('Ana Lopez');
  });
});
