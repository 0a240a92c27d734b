import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { CardRenderer, defaultCardDirectories } from '../../src/cards/cardRenderer.js';
import { SkeletonCard, skeletonOf } from '../../src/cards/cardSkeleton.js';
import { escapeCardData, unescapeExpandedCard } from '../../src/cards/literalData.js';
import { universalCard } from '../../src/cards/universalActions.js';
import { cardFiles } from './cardFiles.js';

/** The card as the renderer made it before skeletons: escaped data, one expansion, unescaped. */
function expandedDirectly(name: string, template: unknown, data: object): unknown {
  const expanded: unknown = new ACData.Template(template).expand({ $root: escapeCardData(data) });
  const { card } = unescapeExpandedCard(expanded);
  return universalCard(name, data, card as Record<string, unknown>);
}

/**
 * Skeletons are right only while templates never look inside a bound string: they place it, test
 * it against '' or null, or count an array. A template needing more (e.g. `${style == 'warning'}`)
 * must make the renderer expand its data directly instead.
 */
const ALLOWED_EXPRESSION = [
  /^[A-Za-z_$][\w.$]*$/, // a path: the value is placed as it is
  /^[A-Za-z_$][\w.$]* != ''$/,
  /^[A-Za-z_$][\w.$]* != null$/,
  /^count\([A-Za-z_$][\w.$]*\) > 0$/,
];

/** The same data with every non-empty string changed (and holding a `${…}` a user might type). */
function otherStrings(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? value : `${value} \${x} 2`;
  if (Array.isArray(value)) return value.map(otherStrings);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, otherStrings(item)]));
}

describe('CardRenderer: cards of the same shape share one expansion (cardSkeleton.ts)', () => {
  const files = [...cardFiles()];

  it('every template expression only places a value, tests it against empty, or counts', () => {
    const offending: string[] = [];
    for (const [name, { template }] of files) {
      for (const match of readFileSync(template, 'utf8').matchAll(/\$\{([^}]*)\}/g)) {
        if (!ALLOWED_EXPRESSION.some((form) => form.test(match[1]!))) offending.push(`${name}: ${match[0]}`);
      }
    }
    expect(offending).to.deep.equal([]);
  });

  for (const [name, { template, sample }] of files) {
    it(`${name}: the card equals a direct expansion of its sample, also for a second customer`, () => {
      const renderer = new CardRenderer(defaultCardDirectories());
      const json: unknown = JSON.parse(readFileSync(template, 'utf8'));
      const data = JSON.parse(readFileSync(sample, 'utf8')) as object;
      expect(renderer.render(name, data)).to.deep.equal(expandedDirectly(name, json, data));
      // The same shape with other strings (and user text with `${…}`): the cached expansion, refilled.
      const other = otherStrings(data) as object;
      expect(renderer.render(name, other)).to.deep.equal(expandedDirectly(name, json, other));
    });
  }

  it('keeps empty strings empty and numbers, booleans and keys as they are', () => {
    const parts = skeletonOf({ a: '', b: 'text', n: 3, yes: true, none: null, list: ['x', ''] });
    expect(parts?.strings).to.deep.equal(['text', 'x']);
    expect(parts?.skeleton).to.deep.equal({
      a: '',
      b: '\uE0010\uE001',
      n: 3,
      yes: true,
      none: null,
      list: ['\uE0011\uE001', ''],
    });
    expect(
      new SkeletonCard(JSON.stringify({ t: 'Hello \uE0010\uE001!', k: ['\uE0011\uE001'] })).fill(
        parts!.strings,
      ),
    ).to.deep.equal({
      t: 'Hello text!',
      k: ['x'],
    });
  });

  it('strings JSON must escape (quotes, backslashes, line breaks, lone surrogates) come back exactly', () => {
    const text = 'He said "hi" \\ then\nleft \u2028 \ud800';
    const parts = skeletonOf({ text })!;
    const token = (parts.skeleton as { text: string }).text;
    const card = new SkeletonCard(JSON.stringify({ a: `<${token}>`, [`k${token}`]: [token, 'plain'] }));
    expect(card.fill(parts.strings)).to.deep.equal({ a: `<${text}>`, [`k${text}`]: [text, 'plain'] });
  });

  it('data a skeleton cannot stand for is expanded directly (not plain JSON, or the token character)', () => {
    expect(skeletonOf({ when: new Date(0) })).to.equal(undefined);
    expect(skeletonOf({ text: 'has \uE001 in it' })).to.equal(undefined);
    expect(skeletonOf({ n: Number.NaN })).to.equal(undefined);
    const renderer = new CardRenderer(defaultCardDirectories());
    const card = renderer.render('result', {
      style: 'default',
      title: 'Token \uE001 kept',
      text: '',
      facts: [],
      footer: '',
      actions: [],
    });
    expect(JSON.stringify(card)).to.contain('Token \uE001 kept');
  });

  it('two flows of one form differ only in their own strings', () => {
    const renderer = new CardRenderer(defaultCardDirectories());
    const result = (title: string, flowId: string) =>
      renderer.render('result', {
        style: 'default',
        title,
        text: 'Pick one',
        facts: [],
        footer: '',
        actions: [{ title: 'Go', data: { verb: 'x.go', flowId } }],
      });
    const first = JSON.stringify(result('Contoso', 'flow-1'));
    const second = JSON.stringify(result('Fabrikam', 'flow-2'));
    expect(second).to.equal(first.replaceAll('Contoso', 'Fabrikam').replaceAll('flow-1', 'flow-2'));
  });
});
