import { expect } from 'chai';
import { describeError } from '../../../src/bot/errorMessages.js';
import { DomainError } from '../../../src/domain/errors.js';
import {
  decode600002Description,
  meaningOf600002,
  paramsFromDescription,
} from '../../../src/domain/partnerCenter/errorDescriptions.js';
import { Translator } from '../../../src/i18n/translator.js';
import { toDomainError } from '../../../src/partnerCenter/rest/httpClient.js';

/** Issue point 12: 600002 is decoded by its description, not by the code alone. */
describe('Partner Center 600002 read by its description', () => {
  const descriptions: Array<[string, string]> = [
    ['Date of agreement cannot be greater than the current date', 'futureDate'],
    ['DateAgreed cannot be a future date.', 'futureDate'],
    ['The tax ID is not valid for the country/region of the billing address.', 'taxIdAddressMismatch'],
    ['VAT number does not match the address of the company.', 'taxIdAddressMismatch'],
    [
      'Organization registration number (CNPJ) is invalid for the customer profile address',
      'taxIdAddressMismatch',
    ],
    ['Invalid input.', 'unknown'],
  ];
  for (const [description, meaning] of descriptions) {
    it(`"${description}" → ${meaning}`, () => {
      expect(decode600002Description(description)).to.equal(meaning);
    });
  }

  it('only 600002 gets a decoded reason; the English description is not kept', () => {
    expect(paramsFromDescription('600002', 'Invalid tax id')).to.deep.equal({
      reason: 'taxIdAddressMismatch',
    });
    expect(paramsFromDescription('600061', 'PartnerConfirmedAgreementAlreadyExists')).to.deep.equal({});
  });

  it("the bot's own date rule (field dateAgreed) is a future date; a bare 600002 is not guessed", () => {
    expect(
      meaningOf600002(new DomainError('600002', { field: 'dateAgreed', todayUtc: '2026-11-26' })),
    ).to.equal('futureDate');
    expect(meaningOf600002(new DomainError('600002', { httpStatus: 400 }))).to.equal('unknown');
  });

  it('the REST adapter keeps the decoded reason of an error body', () => {
    const error = toDomainError(400, {
      code: 600002,
      description: 'The tax ID does not match the address of the customer.',
    });
    expect(error.code).to.equal('600002');
    expect(error.params.reason).to.equal('taxIdAddressMismatch');
  });

  const shown: Array<{ locale: 'en-US' | 'ko-KR'; error: DomainError; says: RegExp; never: RegExp }> = [
    {
      locale: 'en-US',
      error: toDomainError(400, { code: '600002', description: 'Invalid VAT id for the address region' }),
      says: /tax ID.*address/,
      never: /date/i,
    },
    {
      locale: 'ko-KR',
      error: toDomainError(400, { code: '600002', description: 'Invalid VAT id for the address region' }),
      says: /세금 ID.*주소/,
      never: /날짜/,
    },
    {
      locale: 'en-US',
      error: toDomainError(400, {
        code: '600002',
        description: 'Date of agreement cannot be greater than the current date',
      }),
      says: /date agreed cannot be later than today/,
      never: /tax/i,
    },
    {
      locale: 'en-US',
      error: toDomainError(400, { code: '600002', description: 'Something else' }),
      says: /600002/,
      never: /date agreed|tax ID/i,
    },
    {
      locale: 'ko-KR',
      error: new DomainError('600002', { field: 'dateAgreed', todayUtc: '2026-11-26' }),
      says: /동의 날짜/,
      never: /세금/,
    },
  ];
  for (const { locale, error, says, never } of shown) {
    it(`${locale}: ${String(error.params.reason ?? error.params.field)} is explained as such`, () => {
      const text = describeError(new Translator(locale), error) ?? '';
      expect(text).to.match(says);
      expect(text).to.not.match(never);
    });
  }

  it('a bare not_available_in_country for CN (e.g. from the sandbox) still says why, in both languages', () => {
    const error = new DomainError('not_available_in_country', { country: 'CN' });
    expect(describeError(new Translator('en-US'), error)).to.contain('not sold in China (CN)');
    expect(describeError(new Translator('ko-KR'), error)).to.contain(
      '중국(CN)에서는 Azure 플랜을 판매하지 않습니다',
    );
  });
});
