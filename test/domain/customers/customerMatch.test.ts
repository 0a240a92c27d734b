import { expect } from 'chai';
import type { Customer } from '../../../src/domain/customers/customer.js';
import { matchCustomers } from '../../../src/domain/customers/customerMatch.js';
import { isGuid, normalizeGuid } from '../../../src/domain/customers/guid.js';

const customer = (id: string, companyName: string, domain: string): Customer => ({
  id,
  companyName,
  domain,
  country: 'US',
  resellerOfRecord: null,
  relationship: 'Reseller',
});

const CUSTOMERS = [
  customer('4a9d2601-413f-4fde-8fee-3c7987ff6ce9', 'Fabrikam, Inc.', 'fabrikam.onmicrosoft.com'),
  customer(
    '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
    'Contoso Pharmaceuticals',
    'contosopharma.onmicrosoft.com',
  ),
  customer('dea9b094-88ce-404f-8425-db5733c8bb8d', 'Woodgrove Bank', 'woodgrovebank.onmicrosoft.com'),
  customer(
    '8aa611d3-5454-4b60-a7b3-143030f19a31',
    'Wide World Importers',
    'wideworldimporters.onmicrosoft.com',
  ),
  customer('deb23522-828f-4e55-8a9f-45bdc2a79ed5', '한빛소프트 주식회사', 'hanbitsoft.onmicrosoft.com'),
  customer(
    'b927c7c1-9618-411b-8d82-263f8e87af04',
    'Müller Maschinenbau GmbH',
    'muellermaschinenbau.onmicrosoft.com',
  ),
];

describe('customer lookup by name, domain or id', () => {
  const cases: Array<{ title: string; query: string; expected: string[] }> = [
    {
      title: 'exact tenant id',
      query: '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
      expected: ['Contoso Pharmaceuticals'],
    },
    {
      title: 'tenant id in braces and upper case',
      query: '{14876998-C0DC-46E6-9D0C-65A57A6C32EC}',
      expected: ['Contoso Pharmaceuticals'],
    },
    { title: 'exact domain', query: 'fabrikam.onmicrosoft.com', expected: ['Fabrikam, Inc.'] },
    { title: 'name prefix, any case', query: 'contoso', expected: ['Contoso Pharmaceuticals'] },
    { title: 'a later word of the name', query: 'bank', expected: ['Woodgrove Bank'] },
    { title: 'Korean company name prefix', query: '한빛', expected: ['한빛소프트 주식회사'] },
    { title: 'umlaut name', query: 'müller', expected: ['Müller Maschinenbau GmbH'] },
    { title: 'name contains', query: 'world imp', expected: ['Wide World Importers'] },
    { title: 'one typo', query: 'fabrkam', expected: ['Fabrikam, Inc.'] },
    { title: 'one typo in a later word', query: 'woodgrov bank', expected: ['Woodgrove Bank'] },
    { title: 'ambiguous prefix asks back', query: 'w', expected: ['Woodgrove Bank', 'Wide World Importers'] },
  ];
  for (const { title, query, expected } of cases) {
    it(`finds by ${title}: "${query}"`, () => {
      const match = matchCustomers(CUSTOMERS, query);
      const names =
        match.kind === 'one'
          ? [match.customer.companyName]
          : match.kind === 'many'
            ? match.customers.map((c) => c.companyName)
            : [];
      expect(names).to.have.members(expected);
      expect(match.kind).to.equal(expected.length === 1 ? 'one' : 'many');
    });
  }

  it('exact domain wins over a name that merely contains the query', () => {
    const withClash = [
      ...CUSTOMERS,
      customer(
        '0f30896c-0ebb-4685-ae64-f5d99424e282',
        'Fabrikam Fiber Outlet',
        'fabrikamfiber.onmicrosoft.com',
      ),
    ];
    const match = matchCustomers(withClash, 'fabrikam.onmicrosoft.com');
    expect(match.kind).to.equal('one');
  });

  it('finds nothing for an unrelated or empty query (two typos are not a match)', () => {
    expect(matchCustomers(CUSTOMERS, 'zzzz').kind).to.equal('none');
    expect(matchCustomers(CUSTOMERS, '   ').kind).to.equal('none');
    expect(matchCustomers(CUSTOMERS, 'fbrkam').kind).to.equal('none');
  });
});

describe('rule 1: customer id is a GUID, braces allowed', () => {
  for (const value of [
    '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
    '{14876998-c0dc-46e6-9d0c-65a57a6c32ec}',
    ' 14876998-C0DC-46E6-9D0C-65A57A6C32EC ',
  ]) {
    it(`accepts ${value}`, () => expect(isGuid(value)).to.equal(true));
  }
  for (const value of [
    '',
    'contoso',
    '{14876998-c0dc-46e6-9d0c-65a57a6c32ec',
    '00000000-0000-0000-0000-0000000000001',
    '14876998c0dc46e69d0c65a57a6c32ec',
  ]) {
    it(`refuses "${value}"`, () => expect(isGuid(value)).to.equal(false));
  }
  it('normalizes to lower case without braces', () => {
    expect(normalizeGuid('{14876998-C0DC-46E6-9D0C-65A57A6C32EC}')).to.equal(
      '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
    );
  });
});
