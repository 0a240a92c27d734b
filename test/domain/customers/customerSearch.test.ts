import { expect } from 'chai';
import type { Customer } from '../../../src/domain/customers/customer.js';
import {
  prepareCustomers,
  type CustomerMatch,
  type PreparedCustomer,
} from '../../../src/domain/customers/customerMatch.js';
import { CustomerSearch } from '../../../src/domain/customers/customerSearch.js';
import { generateSeed } from '../../../src/partnerCenter/sandbox/seedGenerator.js';
import { readSeedFile } from '../../../src/partnerCenter/sandbox/seedLoader.js';
import { referenceMatch } from '../../support/referenceCustomerMatch.js';

/**
 * CustomerSearch (the structures the name index builds once) must answer every query exactly as
 * the straightforward pass over every customer did: same tier, same customers, same order.
 */

const customer = (id: string, companyName: string, domain: string): Customer => ({
  id,
  companyName,
  domain,
  country: 'US',
  resellerOfRecord: null,
  relationship: 'Reseller',
});

/** Customers the generator does not make: clashes between tiers, punctuation, duplicates. */
const CRAFTED: Customer[] = [
  customer('0f30896c-0ebb-4685-ae64-f5d99424e282', 'Fabrikam Fiber Outlet', 'fabrikamfiber.onmicrosoft.com'),
  customer(
    '1f30896c-0ebb-4685-ae64-f5d99424e282',
    'fabrikam.onmicrosoft.com',
    'fabrikamname.onmicrosoft.com',
  ),
  customer(
    '2f30896c-0ebb-4685-ae64-f5d99424e282',
    'Contoso Pharmaceuticals',
    'contosopharma2.onmicrosoft.com',
  ),
  customer(
    '3f30896c-0ebb-4685-ae64-f5d99424e282',
    'A&B (Holdings) - Nord/Süd',
    'ab-holdings.onmicrosoft.com',
  ),
  customer('4f30896c-0ebb-4685-ae64-f5d99424e282', 'Mu\u0308ller  Bau   GmbH', 'MUELLERBAU.onmicrosoft.com'),
  customer('5f30896c-0ebb-4685-ae64-f5d99424e282', 'Ab', 'ab.onmicrosoft.com'),
  customer('6f30896c-0ebb-4685-ae64-f5d99424e282', 'Abc', 'abcd.onmicrosoft.com'),
  customer('7f30896c-0ebb-4685-ae64-f5d99424e282', '(Parens) First', 'parens.onmicrosoft.com'),
  customer('8f30896c-0ebb-4685-ae64-f5d99424e282', 'Emoji 😀 Labs', 'emoji.onmicrosoft.com'),
];

/** A small seeded PRNG, so the generated queries are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const summary = (match: CustomerMatch) =>
  match.kind === 'one'
    ? `one ${match.customer.id}`
    : match.kind === 'many'
      ? `many ${match.customers.map((c) => c.id).join(',')}`
      : `none ${match.query}`;

const typo = (text: string, at: number, kind: number, letter: string) =>
  kind === 0
    ? text.slice(0, at) + letter + text.slice(at + 1) // substitution
    : kind === 1
      ? text.slice(0, at) + letter + text.slice(at) // insertion
      : kind === 2
        ? text.slice(0, at) + text.slice(at + 1) // deletion
        : text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2); // swap

/** Queries of every kind, taken from the customers themselves (deterministic). */
function queriesFor(customers: readonly PreparedCustomer[]): Record<string, string[]> {
  const next = random(42);
  const pick = () => customers[Math.floor(next() * customers.length)]!;
  const letters = 'aeioustnrxzq0한빛ü.-';
  const letter = () => letters[Math.floor(next() * letters.length)]!;
  const many = (n: number, make: () => string) => Array.from({ length: n }, make);
  const place = (text: string, where: number) =>
    where === 0 ? 0 : where === 1 ? Math.floor(text.length / 2) : Math.max(0, text.length - 1);
  return {
    exact: [
      ...many(12, () => pick().customer.companyName),
      ...many(6, () => `  ${pick().customer.companyName.toUpperCase()} `),
      ...many(8, () => pick().customer.domain),
      'fabrikam.onmicrosoft.com',
      'contoso pharmaceuticals',
      'Müller Bau GmbH',
    ],
    ids: [
      ...many(6, () => pick().customer.id),
      ...many(4, () => `{${pick().customer.id.toUpperCase()}}`),
      '00000000-0000-0000-0000-000000000000',
      `{${CRAFTED[0]!.id}`,
    ],
    prefixes: [
      ...many(20, () => {
        const name = pick().name;
        return name.slice(0, 1 + Math.floor(next() * Math.min(name.length, 12)));
      }),
      ...many(12, () => {
        const words = pick().words;
        const word = words[Math.floor(next() * words.length)] ?? '';
        return word.slice(0, 1 + Math.floor(next() * word.length));
      }),
      ...many(8, () => pick().domain.slice(0, 2 + Math.floor(next() * 8))),
      'c',
      'north',
      'ab',
      'a&b',
      '(par',
    ],
    contains: [
      ...many(16, () => {
        const name = pick().name;
        const from = Math.floor(next() * name.length);
        return name.slice(from, from + 2 + Math.floor(next() * 8));
      }),
      ...many(8, () => {
        const domain = pick().domain;
        const from = 1 + Math.floor(next() * (domain.length - 2));
        return domain.slice(from, from + 1 + Math.floor(next() * 10));
      }),
      'microsoft',
      'd ltd',
      'soft.co',
      'ü',
      'x',
      ') f',
      '😀',
    ],
    typos: many(90, () => {
      const c = pick();
      const words = c.words;
      const sources = [
        c.name,
        c.name.slice(0, 4 + Math.floor(next() * 10)),
        words[Math.floor(next() * words.length)] ?? c.name,
        c.label,
      ];
      const source = sources[Math.floor(next() * sources.length)]!;
      return typo(source, place(source, Math.floor(next() * 3)), Math.floor(next() * 4), letter());
    }),
    korean: [
      '한빛',
      '한빛소프트',
      '누리테크 주식회사',
      '주식회사',
      '한빗소프트',
      '하늘은행 주식회사 12',
      '가람물',
      '다온',
    ],
    short: ['', '   ', 'a', 'zq', 'xyz', 'fbr', 'ab.', 'abx', 'zzzz', 'fbrkam', '.', '-'],
    long: [
      ...many(6, () => {
        const long = customers.filter((c) => c.name.length > 200);
        const name = long[Math.floor(next() * long.length)]!.name;
        return typo(name.slice(0, 40 + Math.floor(next() * 200)), 20, Math.floor(next() * 4), letter());
      }),
      `${customers.find((c) => c.name.length > 240)!.name}x`,
      'northwind '.repeat(500),
    ],
  };
}

describe('CustomerSearch: the same matches as the plain pass over every customer', function () {
  // The reference pass over 10,000 customers takes milliseconds per query on a busy machine.
  this.timeout(120_000);
  let prepared: PreparedCustomer[];
  let search: CustomerSearch;
  let queries: Record<string, string[]>;

  before(async () => {
    const seed = generateSeed(await readSeedFile('seed/sandbox-seed.json'), 10_000, 3);
    const generated = seed.customers.map((c) => customer(c.id, c.companyName, c.domain));
    // The crafted ones among the generated, and one generated customer twice (same name and id).
    prepared = prepareCustomers([
      ...generated.slice(0, 5000),
      ...CRAFTED,
      ...generated.slice(5000),
      generated[7]!,
    ]);
    search = new CustomerSearch(prepared);
    queries = queriesFor(prepared);
  });

  for (const kind of ['exact', 'ids', 'prefixes', 'contains', 'typos', 'korean', 'short', 'long']) {
    it(`${kind}: the same one / many (same order) / none`, () => {
      const tiers = new Set<string>();
      for (const query of queries[kind]!) {
        const expected = referenceMatch(prepared, query);
        tiers.add(expected.kind);
        expect(summary(search.match(query)), JSON.stringify(query)).to.equal(summary(expected));
      }
      // Each group also finds something (it is not comparing empty answers only).
      expect(
        [...tiers].some((tier) => tier !== 'none'),
        kind,
      ).to.equal(true);
    });
  }

  it('typeahead (first `limit`): the one match, or the first of several in index order', () => {
    for (const query of [...queries.prefixes!, ...queries.typos!.slice(0, 30), ...queries.short!]) {
      const expected = referenceMatch(prepared, query);
      for (const limit of [0, 1, 2, 15, 25, 2.5]) {
        const shown =
          expected.kind === 'one'
            ? [expected.customer]
            : expected.kind === 'many'
              ? expected.customers.slice(0, limit)
              : [];
        expect(
          search.first(query, limit).map((c) => c.id),
          `${JSON.stringify(query)} limit ${limit}`,
        ).to.deep.equal(shown.map((c) => c.id));
      }
    }
  });

  it('a small list answers the same as well (12 customers, every query)', () => {
    const small = prepared.slice(0, 12).concat(prepareCustomers(CRAFTED));
    const smallSearch = new CustomerSearch(small);
    for (const query of Object.values(queries).flat()) {
      expect(summary(smallSearch.match(query)), JSON.stringify(query)).to.equal(
        summary(referenceMatch(small, query)),
      );
    }
  });
});
