import { expect } from 'chai';
import { ALL_MESSAGES, type MessageKey } from '../../src/i18n/messages/index.js';
import { Translator } from '../../src/i18n/translator.js';
import type { Locale } from '../../src/i18n/locale.js';

describe('Translator: ICU MessageFormat catalogs', () => {
  const locales = Object.keys(ALL_MESSAGES) as Locale[];
  for (const locale of locales) {
    it(`every ${locale} message compiles and formats with placeholders filled`, () => {
      const t = new Translator(locale);
      for (const key of Object.keys(ALL_MESSAGES[locale]) as MessageKey[]) {
        const text = ALL_MESSAGES[locale][key];
        const names = [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]);
        const params = Object.fromEntries(names.map((name) => [name, 1]));
        expect(() => t.t(key, params), `${locale} ${key}`).not.to.throw();
      }
    });
  }

  it('parameter values are data: braces and ICU syntax in a value are printed as typed', () => {
    const t = new Translator('en-US');
    const key = Object.keys(ALL_MESSAGES['en-US']).find((k) =>
      /\{customer\}/.test(ALL_MESSAGES['en-US'][k as MessageKey]),
    ) as MessageKey;
    const hostile = "{count, plural, one {x} other {y}} ${1+1} '{";
    expect(t.t(key, { customer: hostile })).to.contain(hostile);
  });

  it('joins arrays with the locale list format', () => {
    const key = Object.keys(ALL_MESSAGES['en-US']).find((k) =>
      /\{roles\}/.test(ALL_MESSAGES['en-US'][k as MessageKey]),
    ) as MessageKey;
    expect(new Translator('en-US').t(key, { roles: ['Admin agent', 'Sales agent'] })).to.contain(
      'Admin agent and Sales agent',
    );
  });
});
