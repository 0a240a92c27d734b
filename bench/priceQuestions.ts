/**
 * Varied free-text price questions for the benchmark: thousands of random VM size × region ×
 * phrasing combinations (and some storage questions), in English and Korean, from a seeded
 * generator so the 40k and the 1M runs ask exactly the same questions.
 */
import { KOREAN_REGION_NAMES } from '../src/domain/prices/regions.js';

export interface BenchQuestion {
  readonly text: string;
  readonly locale: 'en-US' | 'ko-KR';
}

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_VM = [
  'how much is a {size} in {region}?',
  '{size} price in {region}',
  '{size} windows hourly rate {region}',
  '{size} in {region}, {hours} hours',
  '{count} VMs {size} for {hours} hours in {region}',
  'we need {count}x {size} running 24/7 for a month in {region}, total?',
  '{size} linux per month in {region}',
  'price of {count} {size} spot in {region}',
  '{size} {region}',
  'what does {size} cost',
];
const EN_STORAGE = [
  '{count} x P{disk} disks for {months} months in {region}',
  'Premium SSD v2 capacity price per GiB-hour in {region}',
  'Hot LRS block blob price per GB in {region}',
  '{count} TB of cool storage in {region} for a month',
];
const KO_VM = [
  '{ko} {size} 가격 알려줘',
  '{ko}에서 {size} {count}대 {hours}시간 돌리면 얼마?',
  '{ko} {size} 윈도우 가격',
  '{size} {ko} 한 달 요금',
  '{ko} {size} 리눅스 시간당 가격은?',
];

/** `sizes` are VM size names as the price file writes them ("Standard_D2s_v3", "D2s v3"). */
export function benchQuestions(count: number, sizes: readonly string[], regionIds: readonly string[]) {
  const random = seededRandom(20261201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const korean = KOREAN_REGION_NAMES.filter((r) => regionIds.includes(r.regionId));
  const regionText = (id: string) => {
    const display = korean.find((r) => r.regionId === id)?.displayName ?? id;
    return pick([display, id, display.toLowerCase()]);
  };
  const sizeText = (name: string) => {
    const bare = name.replace(/^Standard_/i, '').replace(/_/g, ' ');
    return pick([
      name,
      bare,
      bare.replace(/\s+/g, '').toLowerCase(),
      `Standard_${bare.replace(/\s+/g, '_')}`,
    ]);
  };
  const fill = (template: string) =>
    template
      .replace('{size}', sizeText(pick(sizes)))
      .replace('{region}', regionText(pick(regionIds)))
      .replace('{ko}', pick(korean).alias)
      .replace('{count}', String(1 + Math.floor(random() * 8)))
      .replace('{hours}', String(pick([10, 100, 200, 730])))
      .replace('{months}', String(1 + Math.floor(random() * 12)))
      .replace('{disk}', String(pick([10, 20, 30, 40])));
  const questions: BenchQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.3 && korean.length > 0) questions.push({ text: fill(pick(KO_VM)), locale: 'ko-KR' });
    else if (roll < 0.42) questions.push({ text: fill(pick(EN_STORAGE)), locale: 'en-US' });
    else questions.push({ text: fill(pick(EN_VM)), locale: 'en-US' });
  }
  return questions;
}
