import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { CardRenderer, defaultCardDirectories } from '../../src/cards/cardRenderer.js';
import { escapeCardData, escapeLiteral, unescapeCard, unescapeLiteral } from '../../src/cards/literalData.js';

const cardDirectories = defaultCardDirectories();

/** Text a partner could type into a name, a contact field, a question or a file cell. */
export const HOSTILE_STRINGS: readonly string[] = [
  '${1+1}',
  '${name}',
  "Contoso ${json('{}')} Ltd",
  '${$root}',
  '${',
  '}',
  '$when',
  '${string(1)}',
  '\\${title}',
  '${{}}',
  '$${x}}',
  'a $ b { c } d',
  '${customer.companyName}',
  '\uE000',
  '\uE0001',
  '{name}',
  '{count, plural, one {#} other {#}}',
  '<at>x</at> <script>alert(1)</script>',
  '"quoted" \\ backslash',
];

type Path = Array<string | number>;

/** Every path to a string in the sample: each one is a field some user may have typed. */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, index]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
}

function withValue(sample: unknown, path: Path, replacement: string): unknown {
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = replacement;
  return copy;
}

const jsonInner = (text: string) => JSON.stringify(text).slice(1, -1);

describe('literalData: escaping card data', () => {
  for (const text of HOSTILE_STRINGS) {
    it(`round-trips ${JSON.stringify(text)} and leaves no \${ in the escaped form`, () => {
      const escaped = escapeLiteral(text);
      expect(escaped).to.not.match(/[${}]/);
      expect(unescapeLiteral(escaped)).to.equal(text);
    });
  }

  it('escapes keys too and keeps "__proto__" an own plain key', () => {
    const data = JSON.parse('{"__proto__": {"${k}": "${v}"}, "n": 1, "list": ["${a}"]}') as object;
    const escaped = escapeCardData(data);
    expect(Object.getPrototypeOf(escaped)).to.equal(Object.prototype);
    expect(JSON.stringify(escaped)).to.not.match(/\$\{/);
    expect(unescapeCard(escaped)).to.deep.equal(data);
  });
});

describe('Card data is literal: hostile strings in every field of every card template', () => {
  const renderer = new CardRenderer(cardDirectories);
  // Every template of every feature, with the sample beside it (cards/samples/<name>.json).
  const samplePaths = new Map(
    cardDirectories
      .filter((directory) => existsSync(directory))
      .flatMap((directory) =>
        readdirSync(directory)
          .filter((file) => file.endsWith('.json'))
          .map((file) => [basename(file, '.json'), join(directory, 'samples', file)] as const),
      ),
  );
  const templates = [...samplePaths.keys()].sort();

  for (const name of templates) {
    it(`${name}: each field shows a hostile string exactly as typed`, () => {
      const sample = JSON.parse(readFileSync(samplePaths.get(name) ?? name, 'utf8')) as object;
      const failures: string[] = [];
      for (const path of stringPaths(sample)) {
        // Rendered with a plain marker, then with each hostile string: the cards must be the same
        // but for the marker being replaced by the hostile text, verbatim.
        const marker = `zqMARKERqz`;
        const plain = JSON.stringify(renderer.render(name, withValue(sample, path, marker) as object));
        for (const hostile of HOSTILE_STRINGS) {
          try {
            const card = JSON.stringify(renderer.render(name, withValue(sample, path, hostile) as object));
            const expected = plain.split(marker).join(jsonInner(hostile));
            if (card !== expected) failures.push(`${path.join('.')} = ${JSON.stringify(hostile)}: changed`);
          } catch (error) {
            failures.push(`${path.join('.')} = ${JSON.stringify(hostile)}: ${(error as Error).message}`);
          }
        }
      }
      expect(failures.slice(0, 10)).to.deep.equal([]);
    });
  }
});
