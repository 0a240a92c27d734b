import { expect } from 'chai';
import { actionData, cardsIn, visibleText, waitForLastCard, type SentCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { MEGAN } from './support/teamsClient.js';

const SIGNATORY = {
  firstName: 'Ana',
  lastName: 'Lopez',
  email: 'ana.lopez@fabrikam.com',
  phoneNumber: '+1 206 555 0100',
  country: 'US',
  language: 'en-US',
};

/** The acceptance link on the link card (the copyable text). */
function linkOf(card: SentCard): string {
  const body = card.content.body as Array<{ type: string; id?: string; value?: string }>;
  const input = body.find((element) => element.id === 'acceptanceLink');
  if (!input?.value) throw new Error('no acceptance link on the card');
  return input.value;
}

function openUrls(card: SentCard): string[] {
  const actions = (card.content.actions ?? []) as Array<{ type: string; url?: string }>;
  return actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url ?? '');
}

async function acceptViaPage(link: string): Promise<Response> {
  const shown = await fetch(link);
  expect(shown.status).to.equal(200);
  const html = await shown.text();
  expect(html).to.contain('Microsoft Customer Agreement');
  const attestationId = new URL(link).searchParams.get('attestationId') ?? '';
  return fetch(new URL('/emulator/mca-acceptance/accept', link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ attestationId }).toString(),
  });
}

describe('HTTP end to end: MCA enhanced attestation', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest({ ATTESTATION_LINK_TTL_HOURS: '24' });
  });
  after(async () => sut.stop());

  const lastCard = (conversationId: string, predicate: (json: string) => boolean) =>
    waitForLastCard(sut.connector, conversationId, predicate);

  async function attestUpToLink(conversationId: string, customer: string, signatory = SIGNATORY) {
    const as = { user: MEGAN, conversationId };
    await sut.client.say(`attest ${customer}`, as);
    const form = await lastCard(conversationId, (json) => json.includes('Attest MCA acceptance'));
    await sut.client.post(
      sut.client.activity('', {
        ...as,
        value: { ...actionData(form.content, 'Review'), ...signatory },
        extra: { replyToId: form.id },
      }),
    );
    const confirm = await lastCard(conversationId, (json) => json.includes('Confirm the attestation'));
    return { as, confirm };
  }

  it('attest → link → the signatory accepts on the page → proactive message → one agreement (double clicks, redeliveries)', async () => {
    const conversationId = 'conv-attest';
    const { as, confirm } = await attestUpToLink(conversationId, 'fabrikam');
    const confirmValue = actionData(confirm.content, 'Confirm');
    expect(JSON.stringify(confirm.content)).to.contain(
      String(confirmValue.requestId),
      'request id on the card',
    );

    // A hurried partner (or a flaky network) sends the same confirmation 20 times at once.
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        sut.client.post(
          sut.client.activity('', { ...as, value: confirmValue, extra: { replyToId: confirm.id } }),
        ),
      ),
    );
    expect(responses.every((r) => r.status === 200)).to.equal(true);
    const linkCard = await lastCard(conversationId, (json) => json.includes('acceptanceLink'));
    const link = linkOf(linkCard);
    expect(openUrls(linkCard)[0]).to.equal(link, 'Action.OpenUrl opens the link');
    expect(openUrls(linkCard)[1]).to.match(/^mailto:ana\.lopez%40fabrikam\.com\?subject=/);
    expect(linkCard.content.refresh, 'the status card refreshes').to.be.an('object');

    const attestationId = new URL(link).searchParams.get('attestationId') ?? '';
    const accepted = await acceptViaPage(link);
    expect(accepted.status).to.equal(200);

    // The proactive message goes to whoever started it, with one button.
    const asked = await lastCard(conversationId, (json) => json.includes('accepted — create the agreement?'));
    expect(visibleText({ attachments: [{ contentType: 'x', content: asked.content }] })).to.contain(
      'Fabrikam, Inc. accepted — create the agreement?',
    );
    const create = actionData(asked.content, 'Create agreement');
    expect(create.attestationId).to.equal(attestationId);

    // Double click plus a redelivered activity (same id): one agreement.
    const click = sut.client.activity('', { ...as, value: create, extra: { replyToId: asked.id } });
    await Promise.all([
      sut.client.post(click),
      sut.client.post(click),
      sut.client.post(sut.client.activity('', { ...as, value: create, extra: { replyToId: asked.id } })),
    ]);
    await lastCard(conversationId, (json) => json.includes('Agreement created for Fabrikam, Inc.'));

    await sut.client.say('agreements fabrikam', { user: MEGAN, conversationId: 'conv-history' });
    const history = await sut.connector.waitFor(() => sut.connector.messages('conv-history')[0]);
    const text = visibleText(history.activity);
    expect(text).to.contain('Customer Agreement history: Fabrikam, Inc.');
    expect(text.match(/Ana Lopez/g)).to.have.length(1, 'exactly one agreement');
    expect(
      cardsIn(sut.connector, conversationId).filter((c) =>
        JSON.stringify(c.content).includes('acceptanceLink'),
      ),
    ).to.have.length(1, 'one attestation, one link card');
  });

  it('an expired link says so on the page; the status offers a new link', async () => {
    // Lamna Healthcare's seeded link expired.
    const conversationId = 'conv-expired';
    await sut.client.say('mca status lamna', { user: MEGAN, conversationId });
    const status = await lastCard(conversationId, (json) => json.includes('MCA status: Lamna Healthcare'));
    expect(JSON.stringify(status.content)).to.contain('Link expired');
    const page = await fetch(
      `${sut.app.url}/emulator/mca-acceptance?attestationId=a1d0c6e2-2222-4a5b-8c7d-000000000002`,
    );
    expect(page.status).to.equal(410);
    expect(await page.text()).to.contain('expired');
    // Create a new one: the form comes back with the signatory of the expired link.
    await sut.client.post(
      sut.client.activity('', {
        user: MEGAN,
        conversationId,
        value: actionData(status.content, 'Create a new link'),
        extra: { replyToId: status.id },
      }),
    );
    const form = await lastCard(conversationId, (json) =>
      json.includes('Attest MCA acceptance: Lamna Healthcare'),
    );
    expect(JSON.stringify(form.content)).to.contain('priya.shah@lamnahealthcare.co.uk');
  });

  it('600061 when the renewal names the same signatory as the old acceptance', async () => {
    const conversationId = 'conv-600061';
    const { as, confirm } = await attestUpToLink(conversationId, 'alpine', {
      firstName: 'Kim',
      lastName: 'Abercrombie',
      email: 'KIM@alpineskihouse.com',
      phoneNumber: '',
      country: 'US',
      language: 'en-US',
    });
    await sut.client.post(
      sut.client.activity('', {
        ...as,
        value: actionData(confirm.content, 'Confirm'),
        extra: { replyToId: confirm.id },
      }),
    );
    await lastCard(conversationId, (json) => json.includes('Already attested with these details'));
  });

  it('renewal required: an acceptance from before 2023-04-01 asks for a new attestation', async () => {
    const conversationId = 'conv-renewal';
    await sut.client.say('attest alpine', { user: MEGAN, conversationId });
    const form = await lastCard(conversationId, (json) =>
      json.includes('Attest MCA acceptance: Alpine Ski House'),
    );
    expect(JSON.stringify(form.content)).to.contain('before 2023-04-01 and must be renewed');
  });

  it('the MCA board lists customers by state and filters by state', async () => {
    const conversationId = 'conv-board';
    await sut.client.say('mca status', { user: MEGAN, conversationId });
    const board = await lastCard(conversationId, (json) => json.includes('MCA status of your customers'));
    const json = JSON.stringify(board.content);
    for (const state of ['Link expired', 'Renewal required', 'Accepted directly', 'Link sent, waiting'])
      expect(json).to.contain(state);
    expect(Buffer.byteLength(json)).to.be.below(28 * 1024);
    await sut.client.say('mca status expired', { user: MEGAN, conversationId });
    const filtered = await lastCard(conversationId, (json) => json.includes('MCA status: Link expired'));
    expect(JSON.stringify(filtered.content)).to.contain('Lamna Healthcare');
    expect(JSON.stringify(filtered.content)).not.to.contain('Fabrikam');
  });

  it("a board row's action opens that customer's flow (the row names the customer by id)", async () => {
    const conversationId = 'conv-board-row';
    await sut.client.say('mca status expired', { user: MEGAN, conversationId });
    const board = await lastCard(conversationId, (json) => json.includes('MCA status: Link expired'));
    const row = JSON.stringify(board.content).match(/"command":"(attest [0-9a-f-]{36})"/);
    expect(row, 'a row action by customer id').to.not.equal(null);
    await sut.client.post(
      sut.client.activity('', {
        user: MEGAN,
        conversationId,
        value: { verb: 'command.run', command: row![1] },
      }),
    );
    await lastCard(conversationId, (json) => json.includes('Attest MCA acceptance: Lamna Healthcare'));
  });

  it('a Billing admin is refused before any form is shown', async () => {
    await sut.client.say('attest fabrikam', {
      user: '00000000-0000-0000-0000-0000000000023',
      conversationId: 'conv-billing',
    });
    const [reply] = await sut.connector.waitFor(() => {
      const messages = sut.connector.messages('conv-billing');
      return messages.length ? messages : undefined;
    });
    const text = visibleText(reply.activity);
    expect(text).to.contain('You cannot attest the Microsoft Customer Agreement');
    expect(text).to.contain('Admin agent');
    expect(cardsIn(sut.connector, 'conv-billing')).to.have.length(0);
  });
});

describe('HTTP end to end: an indirect reseller cannot attest', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;
  before(async () => {
    sut = await startAppUnderTest({ SANDBOX_SEED_FILE: 'seed/sandbox-seed-reseller.json' });
  });
  after(async () => sut.stop());

  it('is told to ask the indirect provider', async () => {
    await sut.client.say('attest coho', {
      user: '00000000-0000-0000-0000-0000000000120',
      tenantId: '00000000-0000-0000-0000-0000000000002',
      conversationId: 'conv-reseller',
    });
    const [reply] = await sut.connector.waitFor(() => {
      const messages = sut.connector.messages('conv-reseller');
      return messages.length ? messages : undefined;
    });
    expect(visibleText(reply.activity)).to.match(/indirect provider/i);
  });
});
