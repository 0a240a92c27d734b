import { expect } from 'chai';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { visibleText } from './support/fakeConnector.js';

describe('HTTP end to end: price answers and the compose-box message extension', function () {
  this.timeout(30_000);
  let sut: AppUnderTest;

  before(async () => {
    sut = await startAppUnderTest();
  });
  after(async () => sut.stop());

  it('answers a composeExtension/query invoke with price cards well inside Teams’ 5 s', async () => {
    const invoke = sut.client.activity('', {
      extra: {
        type: 'invoke',
        name: 'composeExtension/query',
        value: {
          commandId: 'priceSearch',
          parameters: [{ name: 'query', value: 'D2s v3 west europe' }],
          queryOptions: { skip: 0, count: 10 },
        },
      },
    });
    const response = await sut.client.post(invoke);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as {
      composeExtension: {
        type: string;
        attachments: Array<{
          contentType: string;
          content: unknown;
          preview: { content: { title: string } };
        }>;
      };
    };
    expect(body.composeExtension.type).to.equal('result');
    expect(body.composeExtension.attachments.length).to.be.greaterThan(0);
    const first = body.composeExtension.attachments[0];
    expect(first.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect(first.preview.content.title).to.contain('D2s v3');
    expect(JSON.stringify(first.content)).to.contain('0.12');
  });

  it('a typed price question in Korean gets the West Europe price', async () => {
    await sut.client.say('서유럽 D2s v3 가격', { conversationId: 'conv-price-ko' });
    const [message] = await sut.connector.waitFor(() => {
      const messages = sut.connector.messages('conv-price-ko');
      return messages.length ? messages : undefined;
    });
    const text = visibleText(message.activity);
    expect(text).to.contain('D2s v3');
    expect(text).to.match(/0\.12/);
  });
});
