import { expect } from 'chai';
import { ALL_MESSAGES, type MessageKey } from '../../src/i18n/messages/index.js';
import { Translator, type MessageParams } from '../../src/i18n/translator.js';

const en = new Translator('en-US');
const ko = new Translator('ko-KR');

/** Count messages rendered with 0, 1 and 2 (en) and what Korean shows for 1 and 1234. */
const COUNTS: Array<{
  key: MessageKey;
  params: (n: number) => MessageParams;
  en: [string, string, string];
  ko?: [string, string];
}> = [
  {
    key: 'customers.list.subtitle',
    params: (n) => ({ count: n }),
    en: [
      '0 customers. Select one to see details.',
      '1 customer. Select one to see details.',
      '2 customers. Select one to see details.',
    ],
    ko: [
      '고객 1명. 고객을 선택하면 자세히 볼 수 있습니다.',
      '고객 1,234명. 고객을 선택하면 자세히 볼 수 있습니다.',
    ],
  },
  {
    key: 'customers.azure.legacy',
    params: (n) => ({ count: n }),
    en: [
      'Legacy Azure offer (MS-AZR-0145P), 0 subscriptions',
      'Legacy Azure offer (MS-AZR-0145P), 1 subscription',
      'Legacy Azure offer (MS-AZR-0145P), 2 subscriptions',
    ],
    ko: ['레거시 Azure 오퍼(MS-AZR-0145P), 구독 1개', '레거시 Azure 오퍼(MS-AZR-0145P), 구독 1,234개'],
  },
  {
    key: 'subs.legacy',
    params: (n) => ({ count: n }),
    en: [
      'Legacy offer MS-AZR-0145P: 0 subscriptions',
      'Legacy offer MS-AZR-0145P: 1 subscription',
      'Legacy offer MS-AZR-0145P: 2 subscriptions',
    ],
  },
  {
    key: 'transition.status.failedLines',
    params: (n) => ({ count: n }),
    en: ['0 subscriptions failed.', '1 subscription failed.', '2 subscriptions failed.'],
    ko: ['구독 1개가 실패했습니다.', '구독 1,234개가 실패했습니다.'],
  },
  {
    key: 'transition.status.summary',
    params: (n) => ({ status: 'Running', done: 0, total: n }),
    en: [
      'Running: 0 of 0 subscriptions moved',
      'Running: 0 of 1 subscription moved',
      'Running: 0 of 2 subscriptions moved',
    ],
  },
  {
    key: 'pec.value.accessDays',
    params: (n) => ({ days: n, daysInMonth: n }),
    en: ['0 of 0 days', '1 of 1 day', '2 of 2 days'],
  },
  {
    key: 'pec.recon.subtitle',
    params: (n) => ({ rows: n, file: 'july.csv' }),
    en: ['0 usage rows, july.csv', '1 usage row, july.csv', '2 usage rows, july.csv'],
    ko: ['사용 내역 1행, july.csv', '사용 내역 1,234행, july.csv'],
  },
  {
    key: 'pec.recon.badRows',
    params: (n) => ({ count: n, lines: n === 1 ? '17' : '17, 18' }),
    en: [
      '0 rows could not be read and were skipped (first lines: 17, 18).',
      '1 row could not be read and was skipped (line 17).',
      '2 rows could not be read and were skipped (first lines: 17, 18).',
    ],
  },
  {
    key: 'recon.summary.subtitle',
    params: (n) => ({ file: 'july.csv', customers: n, rows: n * 1000 }),
    en: [
      'july.csv: 0 customers, 0 usage rows',
      'july.csv: 1 customer, 1,000 usage rows',
      'july.csv: 2 customers, 2,000 usage rows',
    ],
    ko: ['july.csv: 고객 1명, 사용 내역 1,000행', 'july.csv: 고객 1,234명, 사용 내역 1,234,000행'],
  },
  {
    key: 'recon.found.columns',
    params: (n) => ({ count: n, columns: 'A' }),
    en: ['0 columns: A', '1 column: A', '2 columns: A'],
  },
];

describe('plurals and counts: ICU plural messages read right for 0, 1 and 2', () => {
  for (const { key, params, en: expected, ko: korean } of COUNTS) {
    it(`${key}: en 0/1/2${korean ? ', ko 1/1234' : ''}`, () => {
      expect([0, 1, 2].map((n) => en.t(key, params(n)))).to.deep.equal(expected);
      if (korean) expect([1, 1234].map((n) => ko.t(key, params(n)))).to.deep.equal(korean);
    });
  }

  it('no English message says "1 <plural noun>" (every count message is an ICU plural)', () => {
    const offenders: string[] = [];
    for (const key of Object.keys(ALL_MESSAGES['en-US']) as MessageKey[]) {
      const template = ALL_MESSAGES['en-US'][key];
      const names = [...template.matchAll(/\{(\w+)/g)].map((m) => m[1]);
      const text = en.t(key, Object.fromEntries(names.map((name) => [name, 1])));
      const match =
        /\b1 (?:[A-Z][\w-]* )?(customers|subscriptions|plans|rows|usage rows|days|full days|partial days|columns|bytes|cards|lines|resources|customer cards)\b/.exec(
          text,
        );
      if (match) offenders.push(`${key}: ${text}`);
    }
    expect(offenders).to.deep.equal([]);
  });

  it('every Korean count is a formatted number (1,234, not 1234)', () => {
    for (const { key, params, ko: korean } of COUNTS) {
      if (korean) expect(ko.t(key, params(1234)), key).not.to.match(/(^|[^\d,])1234(?!\d)/);
    }
  });
});
