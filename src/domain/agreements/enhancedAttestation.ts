import { notSoldIn } from '../markets/notSold.js';
import { DomainError } from '../errors.js';
import { FieldProblems } from '../partnerCenter/validationError.js';
import { checkUserText } from '../text/userText.js';
import type { Agreement, PrimaryContact } from './agreement.js';
import { CONTACT_FIELD_MAX_LENGTH } from './attestationRules.js';

/**
 * MCA attestation as Partner Center does it since the legacy path was retired on 2026-01-05
 * (changes-2025-2026.md; docs/mca-attestation.md): the **enhanced attestation API** (App-only).
 *   1. `POST /v{version}/attestations/enhanced` (country, language, companyName, signatory) → id;
 *   2. the customer's signatory accepts in Microsoft's embeddable acceptance component, reached by a
 *      link built from that attestation;
 *   3. the partner creates the agreement from the attestation id.
 * The customer may instead accept directly in the Microsoft 365 admin center. Acceptances from
 * before 2023-04-01 must be renewed. The link's lifetime is not documented: `expiresAt` is data from
 * the API (the sandbox makes it configurable).
 */

/** Acceptances dated before this (UTC) must be renewed before new orders (hosting/distributor notes). */
export const RENEWAL_CUTOFF = '2023-04-01T00:00:00.000Z';

/** Body of `POST /attestations/enhanced` (field names of the Learn page; e-mail/phone names inferred). */
export interface EnhancedAttestationRequest {
  /** Customer's country, ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** Language of the agreement, e.g. 'en-US', 'ko-KR'. */
  language: string;
  companyName: string;
  signatoryFirstName: string;
  signatoryLastName: string;
  signatoryEmail: string;
  signatoryPhoneNumber?: string;
}

/** Status values of an attestation as the API reports them (pending until the signatory accepts). */
export type EnhancedAttestationStatus = 'pending' | 'accepted' | 'expired' | 'agreementCreated';

export interface EnhancedAttestation {
  attestationId: string;
  customerId: string;
  status: EnhancedAttestationStatus;
  request: EnhancedAttestationRequest;
  createdAt: string;
  /** When the acceptance link stops working; absent when the API gives none. */
  expiresAt?: string;
  acceptedAt?: string;
  /** URL of the acceptance component, when the API (or the sandbox) builds it. */
  acceptanceUrl?: string;
  /** Parameters the acceptance component's link is built from. */
  linkParameters: Record<string, string>;
}

/** The attestation's status at `now`: a pending one whose link is past `expiresAt` is expired. */
export function effectiveStatus(attestation: EnhancedAttestation, now: Date): EnhancedAttestationStatus {
  if (
    attestation.status === 'pending' &&
    attestation.expiresAt !== undefined &&
    now.getTime() >= new Date(attestation.expiresAt).getTime()
  )
    return 'expired';
  return attestation.status;
}

/** The signatory as a primary contact (what 600061 compares and the agreement records). */
export function signatoryContact(request: EnhancedAttestationRequest): PrimaryContact {
  const contact: PrimaryContact = {
    firstName: request.signatoryFirstName,
    lastName: request.signatoryLastName,
    email: request.signatoryEmail,
  };
  if (request.signatoryPhoneNumber) contact.phoneNumber = request.signatoryPhoneNumber;
  return contact;
}

// — the state machine —

/** Where a customer stands with the MCA, and what the partner can do next. */
export type McaStateKind =
  | 'required'
  | 'renewalRequired'
  | 'linkPending'
  | 'linkExpired'
  | 'readyToCreateAgreement'
  | 'acceptedDirectly'
  | 'acceptedViaPartner';

export const MCA_STATE_KINDS: readonly McaStateKind[] = [
  'required',
  'renewalRequired',
  'linkPending',
  'linkExpired',
  'readyToCreateAgreement',
  'acceptedDirectly',
  'acceptedViaPartner',
];

export type McaState =
  | { kind: 'required' }
  | { kind: 'renewalRequired'; agreement: Agreement }
  | { kind: 'linkPending'; attestation: EnhancedAttestation }
  | { kind: 'linkExpired'; attestation: EnhancedAttestation }
  | { kind: 'readyToCreateAgreement'; attestation: EnhancedAttestation }
  | { kind: 'acceptedDirectly' }
  | { kind: 'acceptedViaPartner'; agreement: Agreement };

export type McaEvent =
  | { type: 'attestationCreated'; attestation: EnhancedAttestation }
  | { type: 'customerAccepted'; acceptedAt: string }
  | { type: 'linkExpired' }
  | { type: 'agreementCreated'; agreement: Agreement }
  | { type: 'directlyAccepted' };

/** What the partner can do in a state (each maps to one button). */
export type McaAction =
  'createAttestation' | 'sendLink' | 'checkStatus' | 'createNewLink' | 'createAgreement' | 'purchase';

const NEXT_ACTIONS: Record<McaStateKind, readonly McaAction[]> = {
  required: ['createAttestation'],
  renewalRequired: ['createAttestation'],
  linkPending: ['sendLink', 'checkStatus'],
  linkExpired: ['createNewLink'],
  readyToCreateAgreement: ['createAgreement'],
  acceptedDirectly: ['purchase'],
  acceptedViaPartner: ['purchase'],
};

export function nextActions(state: Pick<McaState, 'kind'>): readonly McaAction[] {
  return NEXT_ACTIONS[state.kind];
}

/** The one action a board row offers. */
export function primaryAction(state: Pick<McaState, 'kind'>): McaAction {
  return NEXT_ACTIONS[state.kind][0];
}

/** New orders are allowed only in these states (the order precondition, rule 8 + renewal). */
export function allowsOrders(state: Pick<McaState, 'kind'>): boolean {
  return state.kind === 'acceptedDirectly' || state.kind === 'acceptedViaPartner';
}

/**
 * One step of the machine. Any state may become 'acceptedDirectly' (the customer accepted in the
 * admin center). Throws DomainError('invalid_transition', { from, event }) for any other move.
 */
export function transition(state: McaState, event: McaEvent): McaState {
  if (event.type === 'directlyAccepted') return { kind: 'acceptedDirectly' };
  const refuse = () => new DomainError('invalid_transition', { from: state.kind, event: event.type });
  switch (state.kind) {
    case 'required':
    case 'renewalRequired':
    case 'linkExpired':
      if (event.type === 'attestationCreated') return { kind: 'linkPending', attestation: event.attestation };
      throw refuse();
    case 'linkPending':
      if (event.type === 'customerAccepted')
        return {
          kind: 'readyToCreateAgreement',
          attestation: { ...state.attestation, status: 'accepted', acceptedAt: event.acceptedAt },
        };
      if (event.type === 'linkExpired')
        return { kind: 'linkExpired', attestation: { ...state.attestation, status: 'expired' } };
      // Another link replaces the pending one (e.g. the signatory changed).
      if (event.type === 'attestationCreated') return { kind: 'linkPending', attestation: event.attestation };
      throw refuse();
    case 'readyToCreateAgreement':
      if (event.type === 'agreementCreated')
        return { kind: 'acceptedViaPartner', agreement: event.agreement };
      throw refuse();
    case 'acceptedViaPartner':
    case 'acceptedDirectly':
      throw refuse();
  }
}

/** An acceptance older than the renewal cut-off must be renewed. */
export function needsRenewal(agreement: Pick<Agreement, 'dateAgreed'>): boolean {
  return new Date(agreement.dateAgreed).getTime() < new Date(RENEWAL_CUTOFF).getTime();
}

/**
 * The customer's state from what Partner Center reports: direct acceptance wins; then the newest
 * attestation still open (not yet turned into an agreement) when it is newer than the newest
 * agreement; then the newest agreement (renewal required when it predates 2023-04-01); else required.
 */
export function mcaStateOf(
  input: {
    agreements: readonly Agreement[];
    directlySigned: boolean;
    attestations: readonly EnhancedAttestation[];
  },
  now: Date,
): McaState {
  if (input.directlySigned) return { kind: 'acceptedDirectly' };
  const newestAgreement = [...input.agreements].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
  const openAttestation = [...input.attestations]
    .filter((a) => a.status !== 'agreementCreated')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const attestationIsNewer =
    openAttestation !== undefined &&
    (newestAgreement === undefined || openAttestation.createdAt > newestAgreement.recordedAt);
  if (attestationIsNewer) {
    const status = effectiveStatus(openAttestation, now);
    const attestation = { ...openAttestation, status };
    if (status === 'accepted') return { kind: 'readyToCreateAgreement', attestation };
    if (status === 'expired') return { kind: 'linkExpired', attestation };
    return { kind: 'linkPending', attestation };
  }
  if (newestAgreement) {
    return needsRenewal(newestAgreement)
      ? { kind: 'renewalRequired', agreement: newestAgreement }
      : { kind: 'acceptedViaPartner', agreement: newestAgreement };
  }
  return { kind: 'required' };
}

// — the signatory form —

/** What the partner enters for the signatory (form fields as typed). */
export interface SignatoryInput {
  country: string;
  language: string;
  companyName: string;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
const COMPANY_MAX_LENGTH = 200;

/**
 * The request body from the form, or a ValidationError with every field problem: firstName,
 * lastName, email required/tooLong/controlCharacters, email invalidEmail, phoneNumber blank,
 * country and language required/invalidCharacters, companyName required/tooLong.
 */
export function validateSignatory(input: SignatoryInput): EnhancedAttestationRequest {
  const problems = new FieldProblems();
  const text = (field: string, value: unknown, maxLength: number): string => {
    const checked = checkUserText(value, { maxLength, required: true });
    if (checked.ok) return checked.text;
    problems.add(field, checked.problem);
    return '';
  };
  const firstName = text('firstName', input.firstName, CONTACT_FIELD_MAX_LENGTH.firstName);
  const lastName = text('lastName', input.lastName, CONTACT_FIELD_MAX_LENGTH.lastName);
  const email = text('email', input.email, CONTACT_FIELD_MAX_LENGTH.email);
  if (email && !EMAIL.test(email)) problems.add('email', 'invalidEmail');
  const companyName = text('companyName', input.companyName, COMPANY_MAX_LENGTH);
  const country = text('country', input.country, 2);
  if (country && !COUNTRY.test(country)) problems.add('country', 'invalidCharacters');
  const language = text('language', input.language, 10);
  if (language && !LANGUAGE.test(language)) problems.add('language', 'invalidCharacters');
  let phone: string | undefined;
  if (input.phoneNumber !== undefined && input.phoneNumber !== null) {
    if (input.phoneNumber.trim() === '') {
      if (input.phoneNumber !== '') problems.add('phoneNumber', 'blank');
    } else phone = text('phoneNumber', input.phoneNumber, CONTACT_FIELD_MAX_LENGTH.phoneNumber);
  }
  problems.throwIfAny();
  return {
    country: country.toUpperCase(),
    language,
    companyName,
    signatoryFirstName: firstName,
    signatoryLastName: lastName,
    signatoryEmail: email,
    ...(phone ? { signatoryPhoneNumber: phone } : {}),
  };
}

// — the MCA board —

export interface BoardRow {
  customerId: string;
  companyName: string;
  state: McaStateKind;
  /** ISO country of the customer: where the Azure plan is not sold there is nothing to buy. */
  country?: string;
}

/**
 * The one action a board row offers: the state's next step, except that a customer in a country
 * where the Azure plan is not sold (China/21Vianet, embargoed countries) is offered no purchase.
 */
export function boardRowAction(row: Pick<BoardRow, 'state' | 'country'>): McaAction | undefined {
  const action = primaryAction({ kind: row.state });
  if (action === 'purchase' && row.country && notSoldIn(row.country)) return undefined;
  return action;
}

export interface BoardPage<T> {
  rows: T[];
  /** 0-based page number. */
  page: number;
  /** How many rows come before this page (its first row is number offset + 1). */
  offset: number;
  pageCount: number;
  total: number;
}

/** Rows in the given states (all when `states` is empty), sorted by name, one page of `pageSize`. */
export function boardPage<T extends BoardRow>(
  rows: readonly T[],
  states: readonly McaStateKind[],
  page: number,
  pageSize: number,
  locale = 'en-US',
): BoardPage<T> {
  const filtered = rows
    .filter((r) => states.length === 0 || states.includes(r.state))
    .sort((a, b) => a.companyName.localeCompare(b.companyName, locale));
  const pageCount = Math.max(1, Math.ceil(filtered.length / pageSize));
  const current = Math.min(Math.max(0, Math.trunc(page)), pageCount - 1);
  return {
    rows: filtered.slice(current * pageSize, (current + 1) * pageSize),
    page: current,
    offset: current * pageSize,
    pageCount,
    total: filtered.length,
  };
}

/** Counts per state (the board's summary line). */
export function stateCounts(rows: readonly BoardRow[]): Record<McaStateKind, number> {
  const counts = Object.fromEntries(MCA_STATE_KINDS.map((k) => [k, 0])) as Record<McaStateKind, number>;
  for (const row of rows) counts[row.state] += 1;
  return counts;
}
