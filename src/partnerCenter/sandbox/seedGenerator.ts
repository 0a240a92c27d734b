import type { SandboxSeed, SeedCustomer } from './seedSchema.js';

/**
 * A seed with `customers` customers for scale tests and benchmarks: the base seed's customers
 * (so every documented demo still works) plus generated ones, each taking the state of one base
 * customer (no MCA, MCA via partner, signed directly, legacy 0145P, transition, plan suspended …)
 * with fresh ids, and a generated name (Latin, Korean, up to 255 characters), domain and country
 * (not-sold countries included). Deterministic for a given `seed` number.
 */
export function generateSeed(base: SandboxSeed, customers: number, seed = 1): SandboxSeed {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const newGuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const generated: SeedCustomer[] = [];
  for (let n = base.customers.length; n < customers; n += 1) {
    const template = base.customers[n % base.customers.length]!;
    const ids = new Map<string, string>();
    const remap = (value: unknown): unknown => {
      if (typeof value === 'string' && GUID.test(value)) {
        const key = value.toLowerCase();
        if (!ids.has(key)) ids.set(key, newGuid());
        return ids.get(key);
      }
      if (Array.isArray(value)) return value.map(remap);
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v)]));
      return value;
    };
    const copy = remap(template) as SeedCustomer;
    // Some plans suspended (with their Azure subscriptions suspended first, as rule 900115 asks).
    if (copy.azurePlans.length > 0 && random() < 0.05)
      copy.azurePlans = copy.azurePlans.map((plan) => ({
        ...plan,
        status: 'suspended',
        azureSubscriptions: plan.azureSubscriptions.map((azure) => ({ ...azure, status: 'suspended' })),
      }));
    const name = companyName(n, pick, random);
    generated.push({
      ...copy,
      companyName: name,
      domain: `c${n}${pick(DOMAIN_WORDS)}.onmicrosoft.com`,
      // A not-sold country only where the template has no Azure plan (none can be bought there).
      country: copy.azurePlans.length === 0 && random() < 0.05 ? pick(NOT_SOLD) : pick(COUNTRIES),
    });
  }
  return { ...base, customers: [...base.customers, ...generated].slice(0, Math.max(customers, 0)) };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COUNTRIES = ['US', 'GB', 'DE', 'KR', 'NO', 'FR', 'JP', 'AU', 'CA', 'NL', 'SE', 'BR', 'IN'];
/** Countries where the Azure plan is not sold (src/domain/markets/notSold.ts). */
const NOT_SOLD = ['CN', 'CU', 'IR', 'KP', 'SY'];
const LATIN = [
  'Contoso',
  'Fabrikam',
  'Northwind',
  'Litware',
  'Adatum',
  'Tailspin',
  'Woodgrove',
  'Proseware',
  'Alpine',
  'Coho',
  'Lucerne',
  'Margie',
  'Trey',
  'Wingtip',
  'Fourth Coffee',
  'Relecloud',
];
const LATIN_TAIL = ['Ltd', 'Inc.', 'GmbH', 'AS', 'S.A.', 'Holdings', 'Group', 'Solutions', 'Trading Co.'];
const KOREAN = ['한빛', '누리', '가람', '다온', '미르', '새롬', '아라', '온누리', '하늘', '바다'];
const KOREAN_TAIL = ['소프트', '테크', '물산', '전자', '건설', '제약', '은행', '유통'];
const DOMAIN_WORDS = ['corp', 'group', 'tech', 'trade', 'bank', 'labs'];

function companyName(n: number, pick: <T>(items: readonly T[]) => T, random: () => number): string {
  const kind = random();
  if (kind < 0.02) {
    // The longest names Partner Center keeps (255 characters), Latin and Korean.
    const unit =
      random() < 0.5 ? `${pick(LATIN)} ${pick(LATIN_TAIL)} ` : `${pick(KOREAN)}${pick(KOREAN_TAIL)} `;
    return `${unit.repeat(Math.ceil(255 / unit.length))}`.slice(0, 250) + ` ${n}`.slice(-5);
  }
  if (kind < 0.3) return `${pick(KOREAN)}${pick(KOREAN_TAIL)} 주식회사 ${n}`;
  return `${pick(LATIN)} ${pick(LATIN_TAIL)} ${n}`;
}

/** A small seeded PRNG (deterministic per seed; not for anything secret). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
