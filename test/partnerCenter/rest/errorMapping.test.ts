import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { describeError } from '../../../src/bot/errorMessages.js';
import { Translator } from '../../../src/i18n/translator.js';
import { isValidationError } from '../../../src/domain/partnerCenter/validationError.js';
import { toDomainError } from '../../../src/partnerCenter/rest/httpClient.js';
import { REPO_ROOT } from '../sandbox/sandboxFixture.js';

interface ErrorFixture {
  operation: string;
  response: { status: number; body?: unknown };
}

const FIXTURE_DIR = path.join(REPO_ROOT, 'test/fixtures/partner-center');
const ERROR_FIXTURES: ErrorFixture[] = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(FIXTURE_DIR, f), 'utf8')) as ErrorFixture)
  .filter((f) => f.response.status >= 400);

/** The DomainError code the bot gets for each documented error fixture. */
const EXPECTED_FROM_FIXTURE: Record<string, string> = {
  'error-unknown-customer': 'not_found',
  'error-13605-mca-not-accepted': '13605',
  'error-600002-date-in-future': '600002',
  'error-600061-agreement-already-exists': '600061',
  'error-900115-plan-has-active-subscriptions': '900115',
};

function pcBody(code: number | string, parameters: Record<string, string> = {}, errorName?: string) {
  return {
    code,
    description: 'English text the bot never shows',
    message: 'English text the bot never shows',
    ...(errorName ? { errorName } : {}),
    isRetryable: false,
    parameters,
    errorMessageExtended: `InternalErrorCode=${code}`,
  };
}

/** Error answers the emulator gives (errors.ts) beside the fixtures' ones. */
const CASES: Array<{
  name: string;
  status: number;
  body: unknown;
  code: string;
  params?: Record<string, unknown>;
}> = [
  {
    name: '404 / 1000 unknown customer',
    status: 404,
    body: pcBody(1000, { kind: 'customer', id: 'c1' }),
    code: 'not_found',
    params: { id: 'c1', partnerCenterCode: '1000' },
  },
  {
    name: '404 / 20003 unknown subscription',
    status: 404,
    body: pcBody(20003, { id: 's1' }),
    code: 'not_found',
    params: { id: 's1', partnerCenterCode: '20003' },
  },
  {
    name: '403 / 20002 no commerce relationship',
    status: 403,
    body: pcBody(20002, { partnerId: 'p', customerId: 'c' }),
    code: 'no_relationship',
    params: { customerId: 'c', partnerCenterCode: '20002' },
  },
  {
    name: '409 plan_exists (bot code as the emulator sends it)',
    status: 409,
    body: pcBody('plan_exists', { resellerMpnId: '4412873' }),
    code: 'plan_exists',
    params: { resellerMpnId: '4412873' },
  },
  {
    name: '409 legacy_offer_present',
    status: 409,
    body: pcBody('legacy_offer_present'),
    code: 'legacy_offer_present',
  },
  { name: '409 plan_not_active', status: 409, body: pcBody('plan_not_active'), code: 'plan_not_active' },
  {
    name: '400 not_available_in_country',
    status: 400,
    body: pcBody('not_available_in_country', { country: 'CN' }),
    code: 'not_available_in_country',
    params: { country: 'CN' },
  },
  {
    name: '403 AppOnlyNotSupported (an App+User operation called App-only)',
    status: 403,
    body: pcBody(400, {}, 'AppOnlyNotSupported'),
    code: 'app_only_not_supported',
  },
  { name: '404 without a body', status: 404, body: undefined, code: 'not_found' },
];

describe('REST client error mapping (toDomainError)', () => {
  for (const fixture of ERROR_FIXTURES) {
    it(`fixture ${fixture.operation} → ${EXPECTED_FROM_FIXTURE[fixture.operation]}`, () => {
      expect(EXPECTED_FROM_FIXTURE, 'every error fixture has an expected code').to.have.property(
        fixture.operation,
      );
      const error = toDomainError(fixture.response.status, fixture.response.body);
      expect(error.code).to.equal(EXPECTED_FROM_FIXTURE[fixture.operation]);
      expect(error.params.httpStatus).to.equal(fixture.response.status);
    });
  }

  for (const c of CASES) {
    it(`${c.name} → ${c.code}`, () => {
      const error = toDomainError(c.status, c.body);
      expect(error.code).to.equal(c.code);
      if (c.params) expect(error.params).to.include(c.params);
    });
  }

  it('3000 Invalid property → a validation error with the fields and reasons of `parameters`', () => {
    const error = toDomainError(
      400,
      pcBody(3000, { fields: 'email,lastName', reasons: 'email:invalidEmail,lastName:required' }),
    );
    expect(error.code).to.equal('validation');
    expect(isValidationError(error)).to.equal(true);
    expect(isValidationError(error) && error.fields).to.deep.equal({
      email: 'invalidEmail',
      lastName: 'required',
    });
  });

  it('3000 with plain parameters → validation naming those parameters', () => {
    const error = toDomainError(400, pcBody(3000, { size: '' }));
    expect([error.code, error.params.fields]).to.deep.equal(['validation', ['size']]);
  });

  it('a wrong AuthKind reads as a configuration problem in both languages, not "something went wrong"', () => {
    for (const errorName of ['AppOnlyNotSupported', 'AppPlusUserNotSupported'])
      for (const locale of ['en-US', 'ko-KR'] as const) {
        const text = describeError(new Translator(locale), toDomainError(403, pcBody(400, {}, errorName)));
        expect(text, `${errorName} ${locale}`).to.match(locale === 'ko-KR' ? /관리자/ : /administrator/);
      }
  });
});
