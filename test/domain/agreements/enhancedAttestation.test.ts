import { expect } from 'chai';
import {
  MCA_AGREEMENT_TYPE,
  MCA_TEMPLATE_ID,
  type Agreement,
} from '../../../src/domain/agreements/agreement.js';
import {
  allowsOrders,
  boardRowAction,
  boardPage,
  effectiveStatus,
  mcaStateOf,
  nextActions,
  primaryAction,
  stateCounts,
  transition,
  validateSignatory,
  type EnhancedAttestation,
  type McaEvent,
  type McaState,
  type McaStateKind,
} from '../../../src/domain/agreements/enhancedAttestation.js';
import { DomainError } from '../../../src/domain/errors.js';
import { ValidationError } from '../../../src/domain/partnerCenter/validationError.js';

const NOW = new Date('2026-12-15T10:00:00Z');
const CUSTOMER = '4a9d2601-413f-4fde-8fee-3c7987ff6ce9';

function attestation(over: Partial<EnhancedAttestation> = {}): EnhancedAttestation {
  return {
    attestationId: 'att-1',
    customerId: CUSTOMER,
    status: 'pending',
    request: {
      country: 'US',
      language: 'en-US',
      companyName: 'Fabrikam, Inc.',
      signatoryFirstName: 'Ana',
      signatoryLastName: 'Lopez',
      signatoryEmail: 'ana@fabrikam.com',
    },
    createdAt: '2026-12-14T10:00:00.000Z',
    expiresAt: '2026-12-21T10:00:00.000Z',
    linkParameters: { attestationId: 'att-1' },
    ...over,
  };
}

function agreement(dateAgreed: string, recordedAt = dateAgreed): Agreement {
  return {
    customerId: CUSTOMER,
    primaryContact: { firstName: 'Ana', lastName: 'Lopez', email: 'ana@fabrikam.com' },
    dateAgreed,
    templateId: MCA_TEMPLATE_ID,
    type: MCA_AGREEMENT_TYPE,
    userId: 'u',
    recordedAt,
    agreementLink: 'https://aka.ms/mca',
  };
}

describe('MCA enhanced attestation: the state machine', () => {
  const pending: McaState = { kind: 'linkPending', attestation: attestation() };
  const ready: McaState = {
    kind: 'readyToCreateAgreement',
    attestation: attestation({ status: 'accepted', acceptedAt: '2026-12-15T09:00:00.000Z' }),
  };
  const done: McaState = { kind: 'acceptedViaPartner', agreement: agreement('2026-12-15T09:00:00.000Z') };
  const created: McaEvent = { type: 'attestationCreated', attestation: attestation() };

  const allowed: { from: McaState; event: McaEvent; to: McaStateKind }[] = [
    { from: { kind: 'required' }, event: created, to: 'linkPending' },
    {
      from: { kind: 'renewalRequired', agreement: agreement('2022-05-01T00:00:00.000Z') },
      event: created,
      to: 'linkPending',
    },
    {
      from: { kind: 'linkExpired', attestation: attestation({ status: 'expired' }) },
      event: created,
      to: 'linkPending',
    },
    {
      from: pending,
      event: { type: 'customerAccepted', acceptedAt: '2026-12-15T09:00:00.000Z' },
      to: 'readyToCreateAgreement',
    },
    { from: pending, event: { type: 'linkExpired' }, to: 'linkExpired' },
    { from: pending, event: created, to: 'linkPending' },
    { from: ready, event: { type: 'agreementCreated', agreement: done.agreement }, to: 'acceptedViaPartner' },
    { from: { kind: 'required' }, event: { type: 'directlyAccepted' }, to: 'acceptedDirectly' },
    { from: pending, event: { type: 'directlyAccepted' }, to: 'acceptedDirectly' },
    { from: done, event: { type: 'directlyAccepted' }, to: 'acceptedDirectly' },
  ];
  for (const { from, event, to } of allowed) {
    it(`${from.kind} --${event.type}--> ${to}`, () => {
      expect(transition(from, event).kind).to.equal(to);
    });
  }

  const refused: { from: McaState; event: McaEvent }[] = [
    { from: { kind: 'required' }, event: { type: 'customerAccepted', acceptedAt: 'x' } },
    { from: { kind: 'required' }, event: { type: 'agreementCreated', agreement: done.agreement } },
    { from: pending, event: { type: 'agreementCreated', agreement: done.agreement } },
    { from: ready, event: { type: 'customerAccepted', acceptedAt: 'x' } },
    { from: ready, event: { type: 'linkExpired' } },
    {
      from: { kind: 'linkExpired', attestation: attestation({ status: 'expired' }) },
      event: { type: 'customerAccepted', acceptedAt: 'x' },
    },
    { from: done, event: created },
    { from: { kind: 'acceptedDirectly' }, event: created },
  ];
  for (const { from, event } of refused) {
    it(`refuses ${from.kind} --${event.type}--> (invalid_transition)`, () => {
      expect(() => transition(from, event))
        .to.throw(DomainError)
        .with.property('code', 'invalid_transition');
    });
  }

  it('the accepted attestation carries the acceptance time', () => {
    const next = transition(pending, { type: 'customerAccepted', acceptedAt: '2026-12-15T09:00:00.000Z' });
    expect(next.kind === 'readyToCreateAgreement' && next.attestation.acceptedAt).to.equal(
      '2026-12-15T09:00:00.000Z',
    );
  });

  it('each state says what the partner can do next, and only acceptance allows orders', () => {
    expect(nextActions({ kind: 'required' })).to.deep.equal(['createAttestation']);
    expect(nextActions({ kind: 'renewalRequired' })).to.deep.equal(['createAttestation']);
    expect(nextActions({ kind: 'linkPending' })).to.deep.equal(['sendLink', 'checkStatus']);
    expect(nextActions({ kind: 'linkExpired' })).to.deep.equal(['createNewLink']);
    expect(nextActions({ kind: 'readyToCreateAgreement' })).to.deep.equal(['createAgreement']);
    expect(primaryAction({ kind: 'acceptedDirectly' })).to.equal('purchase');
    const ordering = (
      [
        'required',
        'renewalRequired',
        'linkPending',
        'linkExpired',
        'readyToCreateAgreement',
        'acceptedDirectly',
        'acceptedViaPartner',
      ] as const
    ).filter((kind) => allowsOrders({ kind }));
    expect(ordering).to.deep.equal(['acceptedDirectly', 'acceptedViaPartner']);
  });
});

describe('MCA enhanced attestation: the state from what Partner Center reports', () => {
  const cases: { name: string; input: Parameters<typeof mcaStateOf>[0]; kind: McaStateKind }[] = [
    {
      name: 'nothing at all → required',
      input: { agreements: [], directlySigned: false, attestations: [] },
      kind: 'required',
    },
    {
      name: 'direct acceptance in the admin center wins',
      input: { agreements: [], directlySigned: true, attestations: [attestation()] },
      kind: 'acceptedDirectly',
    },
    {
      name: 'accepted before 2023-04-01 → renewal required',
      input: { agreements: [agreement('2023-03-31T00:00:00.000Z')], directlySigned: false, attestations: [] },
      kind: 'renewalRequired',
    },
    {
      name: 'accepted on 2023-04-01 → accepted via partner',
      input: { agreements: [agreement('2023-04-01T00:00:00.000Z')], directlySigned: false, attestations: [] },
      kind: 'acceptedViaPartner',
    },
    {
      name: 'an open attestation → link pending',
      input: { agreements: [], directlySigned: false, attestations: [attestation()] },
      kind: 'linkPending',
    },
    {
      name: 'past expiresAt → link expired',
      input: {
        agreements: [],
        directlySigned: false,
        attestations: [attestation({ expiresAt: '2026-12-15T10:00:00.000Z' })],
      },
      kind: 'linkExpired',
    },
    {
      name: 'accepted by the signatory → ready to create agreement',
      input: { agreements: [], directlySigned: false, attestations: [attestation({ status: 'accepted' })] },
      kind: 'readyToCreateAgreement',
    },
    {
      name: 'renewal underway: an attestation newer than the old agreement',
      input: {
        agreements: [agreement('2022-01-01T00:00:00.000Z')],
        directlySigned: false,
        attestations: [attestation()],
      },
      kind: 'linkPending',
    },
    {
      name: 'attestation turned into an agreement → accepted via partner',
      input: {
        agreements: [agreement('2026-12-15T09:00:00.000Z')],
        directlySigned: false,
        attestations: [attestation({ status: 'agreementCreated' })],
      },
      kind: 'acceptedViaPartner',
    },
  ];
  for (const { name, input, kind } of cases) {
    it(name, () => expect(mcaStateOf(input, NOW).kind).to.equal(kind));
  }

  it('a link without expiresAt (the API gave none) never expires by itself', () => {
    expect(effectiveStatus(attestation({ expiresAt: undefined }), new Date('2099-01-01T00:00:00Z'))).to.equal(
      'pending',
    );
  });
});

describe('MCA enhanced attestation: the signatory form', () => {
  const input = {
    country: 'us',
    language: 'en-US',
    companyName: 'Fabrikam, Inc.',
    firstName: ' Ana ',
    lastName: 'Lopez',
    email: 'ana@fabrikam.com',
    phoneNumber: '',
  };
  it('builds the request body with the documented field names', () => {
    expect(validateSignatory(input)).to.deep.equal({
      country: 'US',
      language: 'en-US',
      companyName: 'Fabrikam, Inc.',
      signatoryFirstName: 'Ana',
      signatoryLastName: 'Lopez',
      signatoryEmail: 'ana@fabrikam.com',
    });
  });
  it('shows every field problem at once', () => {
    try {
      validateSignatory({
        ...input,
        firstName: '',
        email: 'not-an-address',
        country: 'USA',
        phoneNumber: '   ',
      });
      expect.fail('should refuse');
    } catch (error) {
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).fields).to.deep.equal({
        firstName: 'required',
        email: 'invalidEmail',
        country: 'tooLong',
        phoneNumber: 'blank',
      });
    }
  });
});

describe('MCA board paging', () => {
  const rows = Array.from({ length: 23 }, (_, i) => ({
    customerId: `c${i}`,
    companyName: `Customer ${String(i).padStart(2, '0')}`,
    state: (i % 3 === 0 ? 'required' : i % 3 === 1 ? 'linkPending' : 'acceptedDirectly') as McaStateKind,
  }));
  it('pages, filters by state and clamps the page', () => {
    const first = boardPage(rows, [], 0, 10);
    expect(first.rows).to.have.length(10);
    expect(first.pageCount).to.equal(3);
    expect(boardPage(rows, [], 7, 10).page).to.equal(2);
    const required = boardPage(rows, ['required'], 0, 10);
    expect(required.total).to.equal(8);
    expect(required.rows.every((r) => r.state === 'required')).to.equal(true);
    expect(stateCounts(rows)).to.include({
      required: 8,
      linkPending: 8,
      acceptedDirectly: 7,
      linkExpired: 0,
    });
  });
});

describe('boardRowAction: the one action an MCA board row offers', () => {
  const cases: Array<[string, McaStateKind, string | undefined, string | undefined]> = [
    ['accepted via partner in Germany: buy', 'acceptedViaPartner', 'DE', 'purchase'],
    ['accepted directly in Korea: buy', 'acceptedDirectly', 'KR', 'purchase'],
    ['accepted in China (21Vianet): nothing to buy', 'acceptedViaPartner', 'CN', undefined],
    ['accepted in Iran: nothing to buy', 'acceptedDirectly', 'IR', undefined],
    [
      'required in China: still attest (the MCA is needed for every order elsewhere too)',
      'required',
      'CN',
      'createAttestation',
    ],
    ['no country known: buy', 'acceptedViaPartner', undefined, 'purchase'],
  ];
  for (const [name, state, country, expected] of cases) {
    it(name, () => {
      expect(boardRowAction({ state, ...(country ? { country } : {}) })).to.equal(expected);
    });
  }
});
