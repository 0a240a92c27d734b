import { expect } from 'chai';
import {
  attestationFieldReasons,
  attestationRefusal,
} from '../../../src/domain/agreements/attestationOutcome.js';
import { DomainError } from '../../../src/domain/errors.js';
import { ValidationError } from '../../../src/domain/partnerCenter/validationError.js';

describe('attestation outcome (domain/agreements/attestationOutcome)', () => {
  const refusals: [string, DomainError, string, boolean][] = [
    [
      '600061: identical contact data is already on record',
      new DomainError('600061'),
      'alreadyRecorded',
      true,
    ],
    [
      'the customer accepted directly in the admin center meanwhile (rule 8)',
      new DomainError('already_signed_directly', { customerId: 'c' }),
      'signedDirectly',
      true,
    ],
    ['600002: date in the future', new DomainError('600002', { reason: 'futureDate' }), 'failed', false],
    ['forbidden', new DomainError('forbidden'), 'failed', false],
    ['a request already in progress', new DomainError('request_in_progress'), 'failed', false],
  ];
  for (const [label, error, refusal, accepted] of refusals) {
    it(`${label} → ${refusal}, customer ${accepted ? 'has' : 'has not'} accepted`, () => {
      expect(attestationRefusal(error)).to.deep.equal({ refusal, customerHasAccepted: accepted });
    });
  }

  it('shows field problems at their fields, a future date at the date field, nothing else', () => {
    expect(
      attestationFieldReasons(new ValidationError({ email: 'invalidEmail', firstName: 'required' })),
    ).to.deep.equal({
      email: 'invalidEmail',
      firstName: 'required',
    });
    expect(attestationFieldReasons(new DomainError('600002', { field: 'dateAgreed' }))).to.deep.equal({
      dateAgreed: 'future',
    });
    expect(attestationFieldReasons(new DomainError('600002', { reason: 'taxIdAddressMismatch' }))).to.equal(
      undefined,
    );
    expect(attestationFieldReasons(new DomainError('600061'))).to.equal(undefined);
    expect(attestationFieldReasons(new Error('boom'))).to.equal(undefined);
  });
});
