import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { readSeedFile } from '../../src/partnerCenter/sandbox/seedLoader.js';
import { generateSeed } from '../../src/partnerCenter/sandbox/seedGenerator.js';
import { jsonBytes, TEAMS_CARD_BYTE_LIMIT } from '../../src/domain/paging/paging.js';
import { adaptiveCardProblems } from '../cards/adaptiveCardValidator.js';
import { visibleText, waitForLastCard } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { MEGAN } from './support/teamsClient.js';
import { execute, executeAction } from './support/universalActions.js';

/** The bot on a 10,000-customer seed (npm run seed:generate), over HTTP. */
describe('HTTP end to end: a partner with 10,000 customers', function () {
  this.timeout(120_000);
  let sut: AppUnderTest;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scale-e2e-'));
    const seedFile = join(dir, 'seed.json');
    writeFileSync(
      seedFile,
      JSON.stringify(generateSeed(await readSeedFile('seed/sandbox-seed.json'), 10_000, 5)),
    );
    sut = await startAppUnderTest({ SANDBOX_SEED_FILE: seedFile });
  });
  after(async () => {
    await sut.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function search(queryText: string, dataset = 'customers') {
    const response = await sut.client.post({
      ...sut.client.activity('', { user: MEGAN, conversationId: 'conv-scale-search' }),
      type: 'invoke',
      text: undefined,
      name: 'application/search',
      value: { kind: 'typeahead', dataset, queryText, queryOptions: { skip: 0, top: 15 } },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('customers: one page under 28 KB that counts all 10,000, and Next shows the next page', async () => {
    await sut.client.say('customers', { user: MEGAN, conversationId: 'conv-scale-list' });
    const first = await waitForLastCard(sut.connector, 'conv-scale-list', (json) =>
      json.includes('Customers of'),
    );
    const activity = sut.connector.messages('conv-scale-list').at(-1)!.activity;
    expect(jsonBytes(activity)).to.be.below(TEAMS_CARD_BYTE_LIMIT);
    expect(adaptiveCardProblems(first.content as Record<string, unknown>)).to.deep.equal([]);
    expect(visibleText(activity)).to.contain('1–10 of 10,000 customers');
    const { verb, data } = executeAction(first.content, 'Next');
    const next = await execute(sut.client, verb, data, {
      user: MEGAN,
      conversationId: 'conv-scale-list',
      replyToId: first.id,
    });
    expect(JSON.stringify(next.body)).to.contain('11–20 of 10,000 customers');
    expect(JSON.stringify(next.body)).to.contain('"Previous"');
  });

  it('the customer picker searches all 10,000 with Teams typeahead (application/search)', async () => {
    await sut.client.say('subscriptions', { user: MEGAN, conversationId: 'conv-scale-pick' });
    const pick = await waitForLastCard(sut.connector, 'conv-scale-pick', (json) =>
      json.includes('Input.ChoiceSet'),
    );
    expect(JSON.stringify(pick.content)).to.contain(
      '"choices.data":{"type":"Data.Query","dataset":"customers"}',
    );
    const found = await search('Northwind Traders');
    expect(found.status).to.equal(200);
    expect(found.body.type).to.equal('application/vnd.microsoft.search.searchResponse');
    const results = (found.body.value as { results: { title: string; value: string }[] }).results;
    expect(results.map((r) => r.title)).to.include(
      'Northwind Traders Ltd (northwindtraders.onmicrosoft.com)',
    );
    expect(results.length).to.be.at.most(15);
    // A generated customer far down the list is found too (not only the first page).
    const last = await search('c9999');
    expect((last.body.value as { results: unknown[] }).results.length).to.be.at.least(1);
  });

  it('an unknown dataset gets no choices; a malformed search is 400', async () => {
    const unknown = await search('x', 'nothing');
    expect(unknown.status).to.equal(200);
    expect((unknown.body.value as { results: unknown[] }).results).to.deep.equal([]);
    const response = await sut.client.post({
      ...sut.client.activity('', { user: MEGAN }),
      type: 'invoke',
      text: undefined,
      name: 'application/search',
      value: { queryText: 42 },
    });
    expect(response.status).to.equal(400);
  });

  it('the message extension searches customers beside prices, paged by Teams (skip/count)', async () => {
    const query = (text: string, skip: number) =>
      sut.client.post(
        sut.client.activity('', {
          user: MEGAN,
          extra: {
            type: 'invoke',
            name: 'composeExtension/query',
            value: {
              commandId: 'customerSearch',
              parameters: [{ name: 'query', value: text }],
              queryOptions: { skip, count: 10 },
            },
          },
        }),
      );
    type Body = {
      composeExtension: { type: string; attachments: { preview: { content: { title: string } } }[] };
    };
    const first = (await (await query('Northwind Traders Ltd', 0)).json()) as Body;
    expect(first.composeExtension.type).to.equal('result');
    expect(first.composeExtension.attachments.map((a) => a.preview.content.title)).to.deep.equal([
      'Northwind Traders Ltd',
    ]);
    const many = (await (await query('Contoso', 0)).json()) as Body;
    const next = (await (await query('Contoso', 10)).json()) as Body;
    expect(many.composeExtension.attachments).to.have.length(10);
    expect(next.composeExtension.attachments.length).to.be.above(0);
    expect(next.composeExtension.attachments[0]!.preview.content.title).to.not.equal(
      many.composeExtension.attachments[0]!.preview.content.title,
    );
  });
});
