import { readFileSync } from 'node:fs';
import type { Activity, Attachment } from 'botbuilder';
import { expect } from 'chai';
import { DAILY_RATED_USAGE_COLUMNS } from '../../src/features/recon/reconColumns.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { ALEX, MEGAN } from './support/teamsClient.js';

const PRICES = 'test/fixtures/azure-price-data/retail-prices-fixture-westeurope';

/** What a user reads in a reply: its text, and the visible texts of its cards (not ids or submit data). */
function visibleStrings(activity: Partial<Activity>): string[] {
  const out: string[] = activity.text ? [activity.text] : [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    for (const field of ['text', 'title', 'value', 'label', 'placeholder', 'altText', 'errorMessage']) {
      // `value` is visible in a FactSet fact (with a title) but is a submitted value on inputs.
      if (field === 'value' && typeof element.type === 'string') continue;
      if (typeof element[field] === 'string') out.push(element[field] as string);
    }
    for (const [key, child] of Object.entries(element)) if (key !== 'data' && key !== 'value') walk(child);
    if (Array.isArray(element.value)) walk(element.value);
  };
  for (const attachment of activity.attachments ?? []) walk(attachment.content);
  return out;
}

/** Names that are data, not text: the sandbox's partner, users, customers and resellers. */
function seedNames(): string[] {
  const seed = JSON.parse(readFileSync('seed/sandbox-seed.json', 'utf8')) as Record<string, unknown>;
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && /^(name|displayName|companyName|friendlyName|nickname)$/.test(key))
        names.push(value);
      else walk(value);
    }
  };
  walk(seed);
  return names.sort((a, b) => b.length - a.length);
}

/**
 * Product names, Microsoft terms and ids that stay in Latin letters in Korean text (allowlist).
 * Everything else in Latin letters inside a Korean reply is an English fragment.
 */
const ALLOWED_PHRASES = [
  /Synthetic Customer \d+/g, // customers of the SYNTHETIC recon sample (file data)
  /Virtual Machines [\w ]+Series/g, // Retail Prices API product names
  /\b\d+ (Hour|GB\/Month|GB|Month|Day)s?\b/g, // Retail Prices API units of measure ("1 Hour")
  /"[^"]+"/g, // quoted Microsoft document titles in source notes
  /\bfloor\([^)]*\)/g, // the recon formula in the file's own column names
  /Partner Center( docs)?/g,
  /Microsoft (Customer Agreement|Cloud Agreement)/g,
  /Azure (Retail Prices API|Cost Management|RBAC|Lighthouse|portal)/g,
  /Daily rated usage/g, // the Partner Center file's name, glossed after the Korean term
  /Indirect provider/g, // glossed after the Korean term
  /\bNet 60\b/g,
];
const ALLOWED_WORDS = new Set([
  'Azure',
  'Microsoft',
  'Teams',
  'Lighthouse',
  'recon', // the Partner Center file's name, glossed after 대사, and the command word
  'Owner',
  'Contributor',
  'Reader',
  'Spot',
  'Utilization',
  'RateCard',
  'API',
  'docs',
  'ms',
  'date',
  'md',
  'lp',
  'pec', // the command word, which works in Korean too
  'mca', // the command word (mca 상태), which works in Korean too
  'help', // "you can also type in English, e.g. help"
  'rhipe',
  'getatria',
  'westeurope',
  'europe',
  'csv',
  'https',
]);

/** Latin words left after data, ids and allowed names are removed. */
function englishFragments(text: string, data: readonly string[]): string[] {
  let rest = text;
  for (const name of data) rest = rest.split(name).join(' ');
  for (const phrase of ALLOWED_PHRASES) rest = rest.replace(phrase, ' ');
  rest = rest
    .replace(/\b[\w.+-]+@[\w.-]+\b/g, ' ') // e-mail addresses
    .replace(/\b(?:https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?/g, ' ') // domains, URLs, file names
    .replace(/\b[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, ' ') // GUIDs
    .replace(/\S*\d\S*/g, ' ') // ids and sizes with digits (MS-AZR-0145P, D2s, v3, synth-54)
    .replace(/\b[\w-]+-[\w-]+\b/g, ' '); // resource groups and kebab-case ids (rg-data)
  const words = rest.match(/[A-Za-z][A-Za-z']*/g) ?? [];
  return words.filter(
    (word) =>
      !ALLOWED_WORDS.has(word) &&
      !/^[A-Z0-9_]{2,}$/.test(word) && // acronyms and setting names: MCA, PEC, CSP, SKU, ATTACHMENT_MAX_BYTES
      !/^[A-Z][a-z]+(?:[A-Z][a-z]*)+$/.test(word) && // column names: UnitPrice, PCToBCExchangeRate
      !(DAILY_RATED_USAGE_COLUMNS as readonly string[]).includes(word),
  );
}

describe('Korean replies carry no English fragments (only product names, terms and ids)', function () {
  this.timeout(60_000);
  let sut: AppUnderTest;
  let conversation = 0;
  const data = [...seedNames()];

  before(async () => {
    sut = await startAppUnderTest({ PRICE_DATA_DIR: PRICES });
  });
  after(async () => sut.stop());

  const httpFile = [
    {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: '7월 사용량.csv',
      content: { downloadUrl: 'http://127.0.0.1:9/usage.csv', fileType: 'csv' },
    },
  ];
  const asks: Array<[string, string, Attachment[]?]> = [
    [ALEX, '도움말'],
    [ALEX, '내 정보'],
    [ALEX, '고객 목록'],
    [ALEX, '고객 fabrikam'],
    [ALEX, '구독 contoso pharmaceuticals'],
    [ALEX, '계약 fabrikam'],
    [ALEX, '전환 상태 woodgrove'],
    [ALEX, '가격 서유럽 D2s v3 리눅스 730시간'],
    [MEGAN, 'pec 서유럽 D2s v3 730시간 오너 권한 20일'],
    [ALEX, '청구 10월 15일 사용량은 어느 인보이스에 나오나요?'],
    [ALEX, '가용성 노르웨이'],
    [ALEX, '오퍼 비교'],
    [ALEX, '대사 샘플'],
    [ALEX, '대사'],
    [MEGAN, '대사 샘플'],
    [ALEX, '대사', httpFile],
    [
      ALEX,
      '대사',
      [{ ...httpFile[0], name: '7월.xlsx', content: { ...httpFile[0].content, fileType: 'xlsx' } }],
    ],
  ];
  for (const [user, text, attachments = []] of asks) {
    it(`"${text}"${attachments.length ? ` with ${attachments[0].name}` : ''}`, async () => {
      conversation += 1;
      const conversationId = `ko-scan-${conversation}`;
      await sut.client.say(text, { user, locale: 'ko-KR', conversationId, extra: { attachments } });
      const replies = sut.connector.messages(conversationId);
      expect(replies, 'replies').to.have.length.above(0);
      const fragments = replies.flatMap((reply) =>
        visibleStrings(reply.activity).flatMap((line) =>
          englishFragments(line, data).map((word) => `${word}  ←  ${line}`),
        ),
      );
      expect(fragments).to.deep.equal([]);
    });
  }

  it('the scan finds an English fragment when there is one (so the checks above can fail)', () => {
    expect(englishFragments('첫 오류: line 12', data)).to.deep.equal(['line']);
    expect(englishFragments('구독 2개 (2 subscriptions)', data)).to.deep.equal(['subscriptions']);
    expect(englishFragments('Azure 플랜 MS-AZR-0145P, 고객 Fabrikam, Inc.', data)).to.deep.equal([]);
  });
});
