import { expect } from 'chai';
import {
  RETIRED_CLOUD_AGREEMENT_TEMPLATE_ID,
  MCA_TEMPLATE_ID,
} from '../../../src/domain/agreements/agreement.js';
import {
  isFutureInUtc,
  sameContact,
  validateAttestation,
  type AttestationInput,
} from '../../../src/domain/agreements/attestationRules.js';
import { DomainError } from '../../../src/domain/errors.js';
import { ValidationError } from '../../../src/domain/partnerCenter/validationError.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const valid: AttestationInput = {
  customerId: '4a9d2601-413f-4fde-8fee-3c7987ff6ce9',
  firstName: 'Pradeep',
  lastName: 'Gupta',
  email: 'pradeep.gupta@fabrikam.com',
  phoneNumber: '+1 425 555 0100',
  dateAgreed: '2026-11-25',
};

function reasonsOf(input: Partial<AttestationInput>, now = NOW): Record<string, string> {
  try {
    validateAttestation({ ...valid, ...input }, now);
  } catch (error) {
    if (error instanceof ValidationError) return { ...error.fields };
    throw error;
  }
  return {};
}

describe('MCA attestation rules', () => {
  it('accepts a complete attestation and stores the date agreed as UTC midnight', () => {
    const result = validateAttestation(valid, NOW);
    expect(result.customerId).to.equal(valid.customerId);
    expect(result.request).to.deep.equal({
      primaryContact: {
        firstName: 'Pradeep',
        lastName: 'Gupta',
        email: 'pradeep.gupta@fabrikam.com',
        phoneNumber: '+1 425 555 0100',
      },
      dateAgreed: '2026-11-25T00:00:00.000Z',
      templateId: MCA_TEMPLATE_ID,
      type: 'MicrosoftCustomerAgreement',
    });
  });

  describe('rule 1: customer id must be a GUID (braces allowed)', () => {
    it('refuses a company name as customer id (notGuid)', () =>
      expect(reasonsOf({ customerId: 'Fabrikam' })).to.deep.equal({ customerId: 'notGuid' }));
    it('refuses an empty customer id (required)', () =>
      expect(reasonsOf({ customerId: ' ' })).to.deep.equal({ customerId: 'required' }));
    it('accepts a braced GUID and normalizes it', () => {
      expect(
        validateAttestation({ ...valid, customerId: '{4A9D2601-413F-4FDE-8FEE-3C7987FF6CE9}' }, NOW)
          .customerId,
      ).to.equal(valid.customerId);
    });
  });

  describe('rule 2: first name, last name, email required and valid; phone optional but not blank', () => {
    const cases: Array<[string, Partial<AttestationInput>, Record<string, string>]> = [
      ['missing first name', { firstName: '' }, { firstName: 'required' }],
      ['blank last name', { lastName: '   ' }, { lastName: 'required' }],
      ['missing email', { email: '' }, { email: 'required' }],
      ['email without domain', { email: 'pradeep@' }, { email: 'invalidEmail' }],
      ['email with a space', { email: 'pradeep gupta@fabrikam.com' }, { email: 'invalidEmail' }],
      ['phone given but blank', { phoneNumber: '  ' }, { phoneNumber: 'blank' }],
      [
        'all at once',
        { firstName: '', lastName: '', email: 'x' },
        { firstName: 'required', lastName: 'required', email: 'invalidEmail' },
      ],
    ];
    for (const [title, input, expected] of cases) {
      it(`refuses ${title}`, () => expect(reasonsOf(input)).to.deep.equal(expected));
    }
    it('accepts no phone number at all', () => {
      expect(
        validateAttestation({ ...valid, phoneNumber: undefined }, NOW).request.primaryContact,
      ).to.not.have.property('phoneNumber');
    });
  });

  describe('rule 3: date agreed required and not later than now in UTC', () => {
    it('rule 3: date agreed later than now in UTC is refused with 600002', () => {
      expect(() => validateAttestation({ ...valid, dateAgreed: '2026-11-27' }, NOW))
        .to.throw(DomainError)
        .with.property('code', '600002');
    });
    it('rule 3: a partner in Seoul at 08:00 on the 27th (23:00 UTC on the 26th) cannot enter the 27th yet', () => {
      const seoulMorning = new Date('2026-11-27T08:00:00+09:00');
      const error = (() => {
        try {
          validateAttestation({ ...valid, dateAgreed: '2026-11-27' }, seoulMorning);
        } catch (e) {
          return e as DomainError;
        }
      })();
      expect(error?.code).to.equal('600002');
      expect(error?.params.todayUtc).to.equal('2026-11-26');
      expect(
        validateAttestation({ ...valid, dateAgreed: '2026-11-26' }, seoulMorning).request.dateAgreed,
      ).to.equal('2026-11-26T00:00:00.000Z');
    });
    it('rule 3: the 27th is accepted as soon as it is the 27th in UTC (09:00 in Seoul)', () => {
      expect(isFutureInUtc('2026-11-27', new Date('2026-11-27T09:00:00+09:00'))).to.equal(false);
    });
    it('rule 3: a date-time later than now is in the future, one earlier is not', () => {
      expect(isFutureInUtc('2026-11-26T12:00:01Z', NOW)).to.equal(true);
      expect(isFutureInUtc('2026-11-26T11:59:59Z', NOW)).to.equal(false);
    });
    it('rule 3: missing or impossible dates are field errors', () => {
      expect(reasonsOf({ dateAgreed: '' })).to.deep.equal({ dateAgreed: 'required' });
      expect(reasonsOf({ dateAgreed: '2026-02-30' })).to.deep.equal({ dateAgreed: 'invalidDate' });
      expect(reasonsOf({ dateAgreed: '26/11/2026' })).to.deep.equal({ dateAgreed: 'invalidDate' });
    });
    it('rule 3: a future date next to other bad fields is reported as field reason "future"', () => {
      expect(reasonsOf({ dateAgreed: '2027-01-01', email: '' })).to.deep.equal({
        email: 'required',
        dateAgreed: 'future',
      });
    });
  });

  describe('rule 4: type MicrosoftCustomerAgreement with the MCA template only', () => {
    it('rule 4: refuses the retired Microsoft Cloud Agreement template', () => {
      expect(reasonsOf({ templateId: RETIRED_CLOUD_AGREEMENT_TEMPLATE_ID })).to.deep.equal({
        templateId: 'retiredTemplate',
      });
    });
    it('rule 4: refuses a template that is not in the MCA metadata', () => {
      expect(reasonsOf({ templateId: '00000000-1111-2222-3333-444444444444' })).to.deep.equal({
        templateId: 'unknownTemplate',
      });
    });
    it('rule 4: refuses the MicrosoftCloudAgreement type', () => {
      expect(reasonsOf({ type: 'MicrosoftCloudAgreement' })).to.deep.equal({ type: 'unsupportedType' });
    });
  });

  describe('rule 6: identical contact data means "already attested"', () => {
    const a = {
      firstName: 'Pradeep',
      lastName: 'Gupta',
      email: 'Pradeep.Gupta@fabrikam.com',
      phoneNumber: '+1 (425) 555-0100',
    };
    it('rule 6: same contact ignoring case, spaces and phone formatting', () => {
      expect(
        sameContact(a, {
          firstName: ' pradeep',
          lastName: 'GUPTA',
          email: 'pradeep.gupta@fabrikam.com',
          phoneNumber: '+1 425 555 0100',
        }),
      ).to.equal(true);
    });
    it('rule 6: a different phone number or email is a different contact', () => {
      expect(sameContact(a, { ...a, phoneNumber: '+1 425 555 0199' })).to.equal(false);
      expect(sameContact(a, { ...a, phoneNumber: undefined })).to.equal(false);
      expect(sameContact(a, { ...a, email: 'pgupta@fabrikam.com' })).to.equal(false);
    });
  });
});
