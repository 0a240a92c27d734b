/**
 * Pure parser for billing questions in English and Korean: the topic and the date or month asked
 * about ("which invoice will usage on 15 October be on?", "10월 15일 사용량은 어느 청구서에?").
 */
export type BillingTopic = 'invoice' | 'due' | 'fx' | 'legacy' | 'estimate';

export interface BillingQuestion {
  topic: BillingTopic;
  /** A day 'YYYY-MM-DD' when the question names one. */
  date?: string;
  /** A month 'YYYY-MM' when the question names only a month. */
  month?: string;
  /** Legacy offer billing anniversary day, when given ("anniversary 20", "기념일 20일"). */
  anniversaryDay?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

function valid(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const TOPICS: ReadonlyArray<[RegExp, BillingTopic]> = [
  [/legacy|0145p|anniversary|레거시|기존\s*(오퍼|제품)|청구\s*기념일/i, 'legacy'],
  [/\bfx\b|exchange\s*rate|currency|환율|통화/i, 'fx'],
  [/\bdue\b|\bpay(ment)?\b|net\s*60|지불|납부|결제\s*기한|만기|기한/i, 'due'],
  [/estimate|how much|monthly bill|예상|얼마|견적/i, 'estimate'],
];

export function parseBillingQuestion(text: string, today: Date): BillingQuestion {
  const anniversary = text.match(
    /anniversary(?:\s+day)?(?:\s+is|\s+on|\s+of)?(?:\s+the)?\s+(\d{1,2})(?:st|nd|rd|th)?\b|기념일(?:은|이|:)?\s*(?:매월\s*)?(\d{1,2})\s*일/i,
  );
  const anniversaryDay = anniversary ? Number(anniversary[1] ?? anniversary[2]) : undefined;
  const rest = anniversary ? text.replace(anniversary[0], ' ') : text;
  const parsed = parseDateAndTopic(rest, text, today);
  return anniversaryDay !== undefined && anniversaryDay >= 1 && anniversaryDay <= 31
    ? { ...parsed, anniversaryDay }
    : parsed;
}

function parseDateAndTopic(text: string, whole: string, today: Date): BillingQuestion {
  let topic: BillingTopic = 'invoice';
  for (const [pattern, t] of TOPICS) {
    if (pattern.test(whole)) {
      topic = t;
      break;
    }
  }
  const thisYear = today.getUTCFullYear();
  const day = (y: number, m: number, d: number): BillingQuestion | undefined =>
    valid(y, m, d) ? { topic, date: `${y}-${pad(m)}-${pad(d)}` } : undefined;

  let m = text.match(/(\d{4})-(\d{1,2})-(\d{1,2})/);
  if (m) return day(+m[1], +m[2], +m[3]) ?? { topic };
  m = text.match(/(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일/);
  if (m) return day(m[1] ? +m[1] : thisYear, +m[2], +m[3]) ?? { topic };
  m = text.match(
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD}\\.?(?:,?\\s+(\\d{4}))?`, 'i'),
  );
  if (m) return day(m[3] ? +m[3] : thisYear, monthIndex(m[2]), +m[1]) ?? { topic };
  m = text.match(new RegExp(`\\b${MONTH_WORD}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'i'));
  if (m) return day(m[3] ? +m[3] : thisYear, monthIndex(m[1]), +m[2]) ?? { topic };

  m = text.match(/(\d{4})-(\d{1,2})(?!\d|-)/);
  if (m && +m[2] >= 1 && +m[2] <= 12) return { topic, month: `${m[1]}-${pad(+m[2])}` };
  m = text.match(/(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월/);
  if (m && +m[2] >= 1 && +m[2] <= 12) return { topic, month: `${m[1] ?? thisYear}-${pad(+m[2])}` };
  m = text.match(new RegExp(`\\b${MONTH_WORD}\\b(?:\\s+(\\d{4}))?`, 'i'));
  if (m && !/^may$/i.test(m[1])) return { topic, month: `${m[2] ?? thisYear}-${pad(monthIndex(m[1]))}` };
  if (m && m[2]) return { topic, month: `${m[2]}-05` };
  return { topic };
}
