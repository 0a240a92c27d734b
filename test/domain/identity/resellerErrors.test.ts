import { expect } from 'chai';
import { DomainError } from '../../../src/domain/errors.js';
import {
  isResellerOfRecordProblem,
  resellerOfRecordProblem,
} from '../../../src/domain/identity/resellerErrors.js';
import { ValidationError } from '../../../src/domain/partnerCenter/validationError.js';

/** A dialog keeps the error in its state with every param as a string. */
function flattened(error: DomainError): Pick<DomainError, 'code' | 'params'> {
  return {
    code: error.code,
    params: Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, String(v)])),
  };
}

describe('reseller-of-record errors (domain/identity/resellerErrors)', () => {
  const cases: [string, DomainError, ReturnType<typeof resellerOfRecordProblem>][] = [
    ['no reseller named', new ValidationError({ resellerMpnId: 'required' }), 'required'],
    ['not an MPN id', new ValidationError({ resellerMpnId: 'invalidMpnId' }), 'invalidMpnId'],
    [
      'a reseller the provider does not work with (800016)',
      new DomainError('800016', { resellerMpnId: '1' }),
      'unknown',
    ],
    [
      'the named reseller has the plan, others do not',
      new DomainError('plan_exists', {
        planId: 'p',
        resellerMpnId: '4412873',
        otherResellerMpnIds: ['5120934'],
      }),
      'hasPlan',
    ],
    [
      'every reseller has a plan: not a field problem',
      new DomainError('plan_exists', { planId: 'p', resellerMpnId: '4412873', otherResellerMpnIds: [] }),
      null,
    ],
    ['another field is wrong', new ValidationError({ quantity: 'exactlyOne' }), null],
    [
      'two fields are wrong',
      new ValidationError({ resellerMpnId: 'required', quantity: 'exactlyOne' }),
      null,
    ],
    ['no MCA', new DomainError('13605'), null],
  ];
  for (const [label, error, expected] of cases) {
    it(`${label} → ${String(expected)}`, () => {
      expect(resellerOfRecordProblem(error)).to.equal(expected);
      expect(isResellerOfRecordProblem(error)).to.equal(expected !== null);
    });
    it(`${label} → ${String(expected)}, also as kept in dialog state`, () => {
      expect(resellerOfRecordProblem(flattened(error))).to.equal(expected);
    });
  }
});
