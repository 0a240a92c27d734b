import { expect } from 'chai';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { Translator } from '../../../src/i18n/translator.js';
import {
  answerText,
  buildPriceCard,
  buildPriceSearchResults,
  PRICE_PICK_VERB,
} from '../../../src/features/prices/priceCards.js';
import { PriceService } from '../../../src/priceData/priceService.js';
import { priceSearchResponse } from '../../../src/features/prices/priceSearchResponse.js';
import { FINOPS_DIR, FIXTURE_SNAPSHOT } from '../../priceData/fixtures.js';

describe('price cards', () => {
  const service = new PriceService({
    paths: { snapshotDir: FIXTURE_SNAPSHOT, finopsDir: FINOPS_DIR, fxFile: null },
    clock: fixedClock('2026-08-25T10:00:00Z'),
  });
  const renderer = new CardRenderer(defaultCardDirectories());
  const en = new Translator('en-US');
  const ko = new Translator('ko-KR');
  before(() => service.load());

  it('answer card: product, SKU, meter, region, unit price, total, savings plan, PEC and the snapshot footer', () => {
    const card = buildPriceCard(service.ask('D2s v3 West Europe 730 hours', 'en-US'), en);
    expect(card.template).to.equal('price-answer');
    const text = JSON.stringify(renderer.render(card.template, card.data));
    for (const expected of [
      'Virtual Machines DSv3 Series',
      'D2s v3',
      'West Europe',
      '$0.12 per hour',
      '$87.60',
      '$0.0912 per hour ($66.58 for the quantity)',
      'Eligible',
      'Public retail prices (estimated, USD), as of',
      'Aug 22, 2026',
      'Retail Prices API',
      'Linux price',
    ]) {
      expect(text).to.include(expected);
    }
    expect(text, 'region ids are never shown').to.not.include('westeurope');
  });

  it('answer card in Korean, with Spot marked as not PEC-eligible', () => {
    const card = buildPriceCard(service.ask('서유럽 D2s v3 윈도우 스팟 가격', 'ko-KR'), ko);
    const text = JSON.stringify(renderer.render(card.template, card.data));
    expect(text).to.include('적용 불가: 스팟 VM');
    expect(text).to.include('공개 소매가(예상, USD)');
    expect(text).to.not.include('리눅스 가격입니다');
  });

  it('says a month is counted as 730 hours in Korean too (decided on the unit, not its label)', () => {
    const english = JSON.stringify(
      buildPriceCard(service.ask('D2s v3 West Europe 730 hours', 'en-US'), en).data,
    );
    expect(english).to.include('A month is counted as 730 hours.');
    const korean = JSON.stringify(buildPriceCard(service.ask('서유럽 D2s v3 730시간', 'ko-KR'), ko).data);
    expect(korean).to.include('한 달은 730시간으로 계산합니다.');
  });

  it('choices card: one Action.Submit per choice with the price.pick verb and a refined question', () => {
    const card = buildPriceCard(service.ask('D2s v3 or D4s v3 in West Europe', 'en-US'), en);
    expect(card.template).to.equal('price-choices');
    const rendered = renderer.render(card.template, card.data) as {
      actions: { type: string; data: unknown }[];
    };
    expect(rendered.actions.map((action) => action.data)).to.deep.equal([
      { verb: PRICE_PICK_VERB, question: 'D2s v3 in West Europe' },
      { verb: PRICE_PICK_VERB, question: 'D4s v3 in West Europe' },
    ]);
  });

  it('asks for the region, offering the snapshot regions', () => {
    const card = buildPriceCard(service.ask('D2s v3 가격', 'ko-KR'), ko);
    expect(card.data).to.deep.include({ title: '가격을 찾으려면 정보가 조금 더 필요합니다' });
    expect(JSON.stringify(renderer.render(card.template, card.data))).to.include('어느 지역인가요?');
  });

  it('says how to get a snapshot when there is none', () => {
    const empty = new PriceService({ paths: { snapshotDir: null, finopsDir: null, fxFile: null } });
    expect(answerText(empty.ask('D2s v3 West Europe', 'en-US'), en)).to.include('npm run prices:fetch');
  });

  it('message-extension results: a title and subtitle per hit and the full answer card', () => {
    const results = buildPriceSearchResults(service.search('D2s v3 or D4s v3 weu', 5), en);
    expect(results.map((result) => [result.title, result.subtitle])).to.deep.equal([
      ['D2s v3 · Virtual Machines DSv3 Series', '$0.12 per hour · West Europe'],
      ['D4s v3 · Virtual Machines DSv3 Series', '$0.24 per hour · West Europe'],
    ]);
    expect(() => renderer.render(results[0].card.template, results[0].card.data)).to.not.throw();
  });

  it('message-extension response: a list with a thumbnail preview and the adaptive answer card per hit, well under a second', () => {
    const started = performance.now();
    const response = priceSearchResponse(
      buildPriceSearchResults(service.search('D4s v5 windows weu 730h', 5), en),
      renderer,
    );
    expect(performance.now() - started).to.be.below(1000);
    expect(response.composeExtension.attachments).to.have.length(1);
    const [attachment] = response.composeExtension.attachments;
    expect(attachment.preview.content).to.deep.equal({
      title: 'D4s v5 · Virtual Machines Dsv5 Series Windows',
      text: '$0.414 per hour · West Europe',
    });
    expect(JSON.stringify(attachment.content)).to.include('$302.22');
  });

  it('says how it read a typo, in the partner language', () => {
    const card = buildPriceCard(service.ask('Standard_E8as_c5 in westeurope, per hour', 'en-US'), en);
    expect(JSON.stringify(card.data)).to.include('I read \\"Standard_E8as_c5\\" as E8as v5.');
    const korean = buildPriceCard(service.ask('D2s v3 서유렵 가격', 'ko-KR'), ko);
    expect(JSON.stringify(korean.data)).to.include('\\"서유렵\\"를 서유럽(으)로 이해했습니다.');
  });
});
