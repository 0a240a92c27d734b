import { expect } from 'chai';
import { validateAttestation } from '../../../src/domain/agreements/attestationRules.js';
import { ValidationError } from '../../../src/domain/partnerCenter/validationError.js';
import { validateAzureSubscriptionName } from '../../../src/domain/subscriptions/subscriptionRules.js';
import { checkUserText, isCleanText, quoteUserText } from '../../../src/domain/text/userText.js';

/** Names a user could paste or a client could send that must never be stored. */
const REFUSED: Array<[label: string, text: string, problem: string]> = [
  ['a lone high surrogate (half an emoji)', 'Prod \uD83D', 'loneSurrogate'],
  ['a lone low surrogate', '\uDE00 Prod', 'loneSurrogate'],
  ['reversed surrogates', 'Prod \uDE00\uD83D x', 'loneSurrogate'],
  ['NUL', 'Prod\u0000EU', 'controlCharacters'],
  ['a tab inside', 'Prod\tEU', 'controlCharacters'],
  ['a line break inside', 'Prod\nEU', 'controlCharacters'],
  ['ESC (terminal colours)', '\u001B[31mProd', 'controlCharacters'],
  ['DEL', 'Prod\u007F', 'controlCharacters'],
  ['a C1 control', 'Prod\u0085EU', 'controlCharacters'],
  ['a line separator', 'Prod\u2028EU', 'controlCharacters'],
  ['a right-to-left override', 'Prod\u202Eue', 'controlCharacters'],
  ['a directional isolate', 'Prod\u2066EU\u2069', 'controlCharacters'],
];

const ACCEPTED: Array<[label: string, text: string]> = [
  ['Korean', '콘토소 운영'],
  ['an emoji (a proper surrogate pair)', 'Prod 🚀'],
  ['a family emoji with zero-width joiners', 'Team 👨‍👩‍👧'],
  ['template-like text', 'Prod ${env}'],
  ['accents', 'Müller Café'],
];

describe('User text (names and contact fields a user sets)', () => {
  for (const [label, text, problem] of REFUSED) {
    it(`refuses ${label} (${problem})`, () => {
      expect(checkUserText(text, { maxLength: 64, required: true })).to.deep.equal({ ok: false, problem });
      expect(isCleanText(text)).to.equal(false);
    });
  }
  for (const [label, text] of ACCEPTED) {
    it(`accepts ${label}`, () => {
      expect(checkUserText(`  ${text} `, { maxLength: 64, required: true })).to.deep.equal({
        ok: true,
        text,
      });
      expect(isCleanText(text)).to.equal(true);
    });
  }

  it('trims, then counts UTF-16 code units against the limit', () => {
    expect(checkUserText(` ${'x'.repeat(64)} `, { maxLength: 64, required: true }).ok).to.equal(true);
    expect(checkUserText('x'.repeat(65), { maxLength: 64, required: true })).to.deep.equal({
      ok: false,
      problem: 'tooLong',
    });
  });

  it('empty is "required" only when required; non-strings count as empty', () => {
    expect(checkUserText('   ', { maxLength: 5, required: true })).to.deep.equal({
      ok: false,
      problem: 'required',
    });
    expect(checkUserText(undefined, { maxLength: 5, required: false })).to.deep.equal({ ok: true, text: '' });
    expect(checkUserText(42, { maxLength: 5, required: true })).to.deep.equal({
      ok: false,
      problem: 'required',
    });
  });
});

function reasonsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return { ...error.fields };
    throw error;
  }
  return {};
}

describe('Azure subscription names use the user-text rule', () => {
  for (const [label, text, problem] of REFUSED) {
    it(`refuses a name with ${label}`, () => {
      expect(reasonsOf(() => validateAzureSubscriptionName(text))).to.deep.equal({ displayName: problem });
    });
  }
  it('still refuses < > ; | and names over 64 characters', () => {
    expect(reasonsOf(() => validateAzureSubscriptionName('a<b'))).to.deep.equal({
      displayName: 'invalidCharacters',
    });
    expect(reasonsOf(() => validateAzureSubscriptionName('x'.repeat(65)))).to.deep.equal({
      displayName: 'tooLong',
    });
  });
});

describe('MCA attestation contact fields use the user-text rule', () => {
  const valid = {
    customerId: '4a9d2601-413f-4fde-8fee-3c7987ff6ce9',
    firstName: 'Pradeep',
    lastName: 'Gupta',
    email: 'pradeep.gupta@fabrikam.com',
    phoneNumber: '+1 425 555 0100',
    dateAgreed: '2026-11-25',
  };
  const now = new Date('2026-11-26T12:00:00Z');
  for (const field of ['firstName', 'lastName', 'email', 'phoneNumber'] as const) {
    for (const [label, text, problem] of REFUSED.slice(0, 6)) {
      it(`refuses ${field} with ${label}`, () => {
        const value = field === 'email' ? `pra${text}@fabrikam.com` : text;
        expect(reasonsOf(() => validateAttestation({ ...valid, [field]: value }, now))).to.deep.equal({
          [field]: problem,
        });
      });
    }
  }
  it('refuses names over 100 and phone numbers over 40 characters', () => {
    expect(reasonsOf(() => validateAttestation({ ...valid, firstName: 'x'.repeat(101) }, now))).to.deep.equal(
      {
        firstName: 'tooLong',
      },
    );
    expect(
      reasonsOf(() => validateAttestation({ ...valid, phoneNumber: '1'.repeat(41) }, now)),
    ).to.deep.equal({
      phoneNumber: 'tooLong',
    });
    expect(reasonsOf(() => validateAttestation({ ...valid, firstName: 'x'.repeat(100) }, now))).to.deep.equal(
      {},
    );
  });
});

describe('Quoting what a user typed back in a reply', () => {
  const cases: Array<[label: string, text: string, quoted: string]> = [
    ['short text as typed', 'contoso ${x}', 'contoso ${x}'],
    ['control characters as spaces', 'a\u0000b\nc\u202Ed', 'a b c d'],
    ['a lone surrogate as U+FFFD', 'a\uD83D b', 'a\uFFFD b'],
    ['long text cut at 80 with an ellipsis', 'x'.repeat(5000), `${'x'.repeat(79)}…`],
    ['a whole emoji kept at the cut', `${'x'.repeat(77)}🚀🚀🚀`, `${'x'.repeat(77)}🚀…`],
    ['never half an emoji', `${'x'.repeat(78)}🚀🚀🚀`, `${'x'.repeat(78)}…`],
  ];
  for (const [label, text, quoted] of cases) {
    it(label, () => {
      expect(quoteUserText(text)).to.equal(quoted);
      expect(isCleanText(quoteUserText(text))).to.equal(true);
    });
  }
});
