import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { CardRenderer, defaultCardDirectories } from '../../src/cards/cardRenderer.js';

/** The renderer keeps cards it expanded; a card the bot sends must still be exactly the data's own. */
describe('CardRenderer: cards expanded before are reused, and cannot be changed', () => {
  const renderer = new CardRenderer(defaultCardDirectories());
  const data = (title: string) => ({
    style: 'default',
    title,
    text: 'Typed ${name} and {braces} stay literal',
    facts: [{ title: 'Price', value: '$1.00' }],
    footer: '',
    actions: [],
  });

  it('the same data gives the same card each time, and nobody can change it for the next turn', () => {
    const first = renderer.render('result', data('Hello'));
    const second = renderer.render('result', data('Hello'));
    expect(second).to.deep.equal(first);
    expect(() => {
      (first.body as unknown[]).length = 0;
    }).to.throw(TypeError);
    expect(() => {
      ((first.body as Array<Record<string, unknown>>)[0] as Record<string, unknown>).text = 'changed';
    }).to.throw(TypeError);
    expect(renderer.render('result', data('Hello'))).to.deep.equal(second);
    expect(JSON.stringify(second)).to.contain('Typed ${name} and {braces} stay literal');
  });

  it('other data gives its own card', () => {
    renderer.render('result', data('Hello'));
    expect(JSON.stringify(renderer.render('result', data('Goodbye'))))
      .to.contain('Goodbye')
      .and.not.contain('Hello');
  });

  it('data with values JSON cannot keep exactly (a Decimal) is expanded every time, as before', () => {
    const withDecimal = { ...data('Amount'), facts: [{ title: 'Price', value: new Decimal('1.50') }] };
    const card = renderer.render('result', withDecimal);
    expect(renderer.render('result', withDecimal)).to.deep.equal(card);
    expect(Object.isFrozen(card)).to.equal(true);
  });

  it('an unknown template is refused every time', () => {
    expect(() => renderer.render('no-such-card', {})).to.throw(/No card template/);
    expect(() => renderer.render('no-such-card', {})).to.throw(/No card template/);
  });
});
