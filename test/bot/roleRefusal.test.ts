import { expect } from 'chai';
import { describeError } from '../../src/bot/errorMessages.js';
import { DomainError } from '../../src/domain/errors.js';
import { Translator } from '../../src/i18n/translator.js';

/** Issue point 14: a refusal names the roles as a natural "A or B" list, never "one of these roles: A and B". */
describe('permission refusal wording (roles as a natural list)', () => {
  const attest = new DomainError('forbidden', {
    operation: 'agreements.attest',
    yourRoles: ['BillingAdmin'],
    partner: 'Contoso Cloud Partners',
  });

  const cases: Array<{ locale: 'en-US' | 'ko-KR'; expected: string; never: RegExp }> = [
    {
      locale: 'en-US',
      expected: 'Admin agent or Sales agent',
      never: /one of these|Admin agent and Sales agent/,
    },
    {
      locale: 'ko-KR',
      expected: '관리 에이전트 또는 판매 에이전트',
      never: /중 하나|관리 에이전트 및 판매 에이전트/,
    },
  ];
  for (const { locale, expected, never } of cases) {
    it(`${locale}: "${expected}"`, () => {
      const text = describeError(new Translator(locale), attest) ?? '';
      expect(text).to.contain(expected);
      expect(text).to.not.match(never);
      expect(text).to.contain('Contoso Cloud Partners');
    });
  }

  it('four roles read "A, B, C, or D"; the roles you have stay an "and" list', () => {
    const text =
      describeError(
        new Translator('en-US'),
        new DomainError('forbidden', {
          operation: 'plan.purchase',
          yourRoles: ['BillingAdmin', 'HelpdeskAgent'],
          partner: 'Contoso Cloud Partners',
        }),
      ) ?? '';
    expect(text).to.contain('Global admin, User management admin, Sales agent, or Admin agent');
    expect(text).to.contain('Billing admin and Helpdesk agent');
  });

  it('Translator.orList joins with the locale\'s "or"', () => {
    expect(new Translator('en-US').orList(['A', 'B'])).to.equal('A or B');
    expect(new Translator('ko-KR').orList(['가', '나'])).to.equal('가 또는 나');
    expect(new Translator('en-US').orList(['A'])).to.equal('A');
  });
});
