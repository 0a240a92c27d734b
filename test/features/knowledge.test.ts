import { expect } from 'chai';
import { knowledgeFeatures } from '../support/knowledgeFeatures.js';
import { fixedClock } from '../../src/domain/clock.js';
import { loadMarketTable } from '../../src/features/availability/availabilityAnswer.js';
import { resolvePricePaths } from '../../src/priceData/pricePaths.js';
import { PriceService } from '../../src/priceData/priceService.js';
import { BotHarness, textOf } from '../support/botHarness.js';
import { FakeDirectory, user } from '../support/fakeDirectory.js';

const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);
const LEE = user('aad-lee', 'Lee Gu', ['BillingAdmin']);
const clock = fixedClock('2026-11-26T12:00:00.000Z');

describe('Quick answers in chat: PEC, billing, availability, offer comparison', function () {
  this.timeout(30_000);
  let prices: PriceService;
  let harness: () => BotHarness;

  before(async () => {
    prices = new PriceService({
      paths: resolvePricePaths({
        PRICE_DATA_DIR: 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope',
      }),
      clock,
    });
    prices.load();
    const markets = await loadMarketTable();
    harness = () =>
      new BotHarness(new FakeDirectory([MEGAN, LEE]), knowledgeFeatures(prices, markets, clock));
  });

  it('PEC on a priced VM with Owner access for 20 days: list price, PEC and why', async () => {
    const [reply] = await harness().say(
      { aadObjectId: MEGAN.aadObjectId },
      'pec 730 h of D4s v5 in West Europe, Owner access for 20 days',
    );
    const text = textOf(reply);
    expect(text).to.contain('Owner');
    expect(text).to.match(/\$\d/);
    expect(text).to.match(/15\s?%/);
  });

  it('PEC asks back for the role and the days, then answers', async () => {
    const bot = harness();
    const [askRole] = await bot.say({ aadObjectId: MEGAN.aadObjectId }, 'pec D2s v3 west europe 730 hours');
    expect(textOf(askRole)).to.contain('Which Azure role');
    const [askDays] = await bot.say({ aadObjectId: MEGAN.aadObjectId }, 'Contributor');
    expect(textOf(askDays)).to.contain('how many days');
    const [answer] = await bot.say({ aadObjectId: MEGAN.aadObjectId }, '10 days');
    expect(textOf(answer)).to.contain('Contributor');
  });

  it('a Spot VM never earns PEC, and the card says why', async () => {
    const [reply] = await harness().say(
      { aadObjectId: MEGAN.aadObjectId },
      'pec E2s v5 spot west europe 730 hours Owner all month',
    );
    expect(textOf(reply).toLowerCase()).to.contain('spot');
  });

  it('"which invoice will usage on 15 October be on?" is answered without a command word', async () => {
    const [reply] = await harness().say(
      { aadObjectId: MEGAN.aadObjectId },
      'which invoice will usage on 15 October be on?',
    );
    const text = textOf(reply);
    expect(text).to.match(/Nov(ember)? 8/);
    expect(text).to.contain('2026');
  });

  it('billing in Korean', async () => {
    const [reply] = await harness().say(
      { aadObjectId: MEGAN.aadObjectId, locale: 'ko-KR' },
      '청구 10월 15일 사용량은 어느 인보이스에 나오나요?',
    );
    expect(textOf(reply)).to.match(/11월 8일|2026\. 11\. 8\./);
  });

  it('availability and billing currency for Norway names the rule and the data date', async () => {
    const [reply] = await harness().say(
      { aadObjectId: MEGAN.aadObjectId },
      'is the Azure plan available in Norway, and in which currency am I billed?',
    );
    const text = textOf(reply);
    expect(text).to.contain('NOK');
    expect(text).to.match(/2021/);
  });

  it('compare offers shows legacy vs Azure plan', async () => {
    const [reply] = await harness().say({ aadObjectId: MEGAN.aadObjectId }, 'compare offers');
    expect(textOf(reply)).to.contain('Azure plan');
    expect(textOf(reply)).to.contain('MS-AZR-0145P');
  });

  it('a Billing admin may ask billing questions (every role that may view prices)', async () => {
    const [reply] = await harness().say(
      { aadObjectId: LEE.aadObjectId },
      'billing which invoice will usage on 15 October be on?',
    );
    expect(textOf(reply)).to.match(/Nov(ember)? 8/);
  });
});
