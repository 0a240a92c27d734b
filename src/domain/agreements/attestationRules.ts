import { DomainError } from '../errors.js';
import { isGuid, normalizeGuid } from '../customers/guid.js';
import { FieldProblems } from '../partnerCenter/validationError.js';
import { checkUserText } from '../text/userText.js';
import {
  MCA_AGREEMENT_TYPE,
  MCA_TEMPLATE_ID,
  RETIRED_CLOUD_AGREEMENT_TEMPLATE_ID,
  type AgreementRequest,
  type PrimaryContact,
} from './agreement.js';

/** What a partner user enters to attest (form fields; strings as typed). */
export interface AttestationInput {
  customerId: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Optional; when given it must not be blank. */
  phoneNumber?: string | null;
  /** Calendar date 'YYYY-MM-DD' (from the date picker) or an ISO date-time. */
  dateAgreed: string;
  /** Defaults to the MCA template from the metadata. */
  templateId?: string;
  /** Defaults to MicrosoftCustomerAgreement; anything else is refused (rule 4). */
  type?: string;
}

export interface ValidAttestation {
  customerId: string;
  request: AgreementRequest;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Pragmatic address check like Partner Center's tooling: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

/** Longest contact fields a partner may enter (the refusal states the limit). */
export const CONTACT_FIELD_MAX_LENGTH = {
  firstName: 100,
  lastName: 100,
  email: MAX_EMAIL_LENGTH,
  phoneNumber: 40,
} as const;

/** Today's calendar date in UTC, 'YYYY-MM-DD': the latest date agreed a partner may enter (rule 3). */
export function todayInUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → 'YYYY-MM-DDT00:00:00.000Z' (how a calendar date agreed is stored and sent). */
export function toUtcMidnightIso(calendarDate: string): string {
  return `${calendarDate}T00:00:00.000Z`;
}

/**
 * Rule 3: the date agreed must not be later than now in UTC. A calendar date is in the future when
 * it is after today's UTC date — so a partner in Seoul at 08:00 on the 27th (23:00 on the 26th UTC)
 * may not yet enter the 27th. A date-time is in the future when it is after `now`.
 * Returns undefined for a value that is not a date at all.
 */
export function isFutureInUtc(dateAgreed: string, now: Date): boolean | undefined {
  const parsed = parseDateAgreed(dateAgreed);
  if (!parsed) return undefined;
  return parsed.kind === 'date'
    ? parsed.calendarDate > todayInUtc(now)
    : parsed.instant.getTime() > now.getTime();
}

/** The calendar date (UTC) a date-agreed input stands for, or undefined if it is not a valid date. */
export function calendarDateOf(dateAgreed: string): string | undefined {
  const parsed = parseDateAgreed(dateAgreed);
  if (!parsed) return undefined;
  return parsed.kind === 'date' ? parsed.calendarDate : parsed.instant.toISOString().slice(0, 10);
}

function parseDateAgreed(
  value: string,
): { kind: 'date'; calendarDate: string } | { kind: 'instant'; instant: Date } | undefined {
  const text = value.trim();
  const date = CALENDAR_DATE.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    // Reject 2026-02-30 and the like: the date must round-trip.
    if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day)
      return undefined;
    return { kind: 'date', calendarDate: text };
  }
  if (ISO_DATE_TIME.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? undefined : { kind: 'instant', instant };
  }
  return undefined;
}

/**
 * Rule 6: two contacts are the same (→ 600061 on re-attestation) when first name, last name,
 * email and phone match, ignoring case and surrounding spaces, and phone formatting.
 */
export function sameContact(a: PrimaryContact, b: PrimaryContact): boolean {
  const text = (value: string | undefined) => (value ?? '').trim().toLowerCase();
  const phone = (value: string | undefined) => (value ?? '').replace(/[^\d+]/g, '');
  return (
    text(a.firstName) === text(b.firstName) &&
    text(a.lastName) === text(b.lastName) &&
    text(a.email) === text(b.email) &&
    phone(a.phoneNumber) === phone(b.phoneNumber)
  );
}

/**
 * Rules 1–4. Field problems are collected and thrown together as ValidationError ('validation'
 * with `fields`): customerId notGuid/required; firstName, lastName, email required; email
 * invalidEmail; contact fields tooLong (CONTACT_FIELD_MAX_LENGTH), controlCharacters and
 * loneSurrogate (userText.ts); phoneNumber blank; dateAgreed required/invalidDate; type unsupportedType;
 * templateId retiredTemplate/unknownTemplate. A date agreed in the future is refused with the
 * Partner Center code 600002 (params: todayUtc) when it is the only problem, and as field reason
 * 'future' alongside other problems (so the form shows everything at once).
 */
export function validateAttestation(
  input: AttestationInput,
  now: Date,
  mcaTemplateIds: readonly string[] = [MCA_TEMPLATE_ID],
): ValidAttestation {
  const problems = new FieldProblems();
  const value = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');

  const customerId = value(input.customerId);
  if (!customerId) problems.add('customerId', 'required');
  else if (!isGuid(customerId)) problems.add('customerId', 'notGuid');

  // Contact fields are stored and shown to others: readable text within limits (userText.ts).
  const contactField = (field: keyof typeof CONTACT_FIELD_MAX_LENGTH, text: string | null | undefined) => {
    const checked = checkUserText(text, { maxLength: CONTACT_FIELD_MAX_LENGTH[field], required: true });
    if (checked.ok) return checked.text;
    problems.add(field, checked.problem);
    return '';
  };
  const firstName = contactField('firstName', input.firstName);
  const lastName = contactField('lastName', input.lastName);
  const email = contactField('email', input.email);
  if (email && !EMAIL.test(email)) problems.add('email', 'invalidEmail');

  const phoneGiven = input.phoneNumber !== undefined && input.phoneNumber !== null;
  const phoneNumber = value(input.phoneNumber);
  if (phoneGiven && !phoneNumber) problems.add('phoneNumber', 'blank');
  else if (phoneNumber) contactField('phoneNumber', phoneNumber);

  const type = input.type ?? MCA_AGREEMENT_TYPE;
  if (type !== MCA_AGREEMENT_TYPE) problems.add('type', 'unsupportedType');
  const templateId = value(input.templateId) || mcaTemplateIds[0];
  if (templateId.toLowerCase() === RETIRED_CLOUD_AGREEMENT_TEMPLATE_ID)
    problems.add('templateId', 'retiredTemplate');
  else if (!mcaTemplateIds.includes(templateId)) problems.add('templateId', 'unknownTemplate');

  const dateText = value(input.dateAgreed);
  let future = false;
  let calendarDate: string | undefined;
  if (!dateText) problems.add('dateAgreed', 'required');
  else {
    const isFuture = isFutureInUtc(dateText, now);
    calendarDate = calendarDateOf(dateText);
    if (isFuture === undefined || !calendarDate) problems.add('dateAgreed', 'invalidDate');
    else future = isFuture;
  }

  if (!problems.isEmpty) {
    if (future) problems.add('dateAgreed', 'future');
    problems.throwIfAny();
  }
  if (future) throw new DomainError('600002', { field: 'dateAgreed', todayUtc: todayInUtc(now) });

  const primaryContact: PrimaryContact = { firstName, lastName, email };
  if (phoneNumber) primaryContact.phoneNumber = phoneNumber;
  return {
    customerId: normalizeGuid(customerId),
    request: {
      primaryContact,
      dateAgreed: toUtcMidnightIso(calendarDate as string),
      templateId,
      type: MCA_AGREEMENT_TYPE,
    },
  };
}
