import { dropOldest } from '../domain/boundedMap.js';

/**
 * Answers to price questions already asked, so a question asked again (a team asking the same
 * thing, a card shown again) is not parsed and looked up anew. An answer depends on the question,
 * on the price data it was answered from (the caller passes those objects: any of them replaced, a
 * new snapshot or price sheet, and every kept answer goes) and on the time for effective dates and
 * freshness (kept per UTC minute). Answers are shared, never copied: callers only read them.
 */
export class AnswerCache<A> {
  private readonly answers = new Map<string, A>();
  private sources: readonly unknown[] = [];

  constructor(private readonly maxAnswers = 1_000) {}

  get(question: string, sources: readonly unknown[], now: Date, answer: () => A): A {
    if (sources.length !== this.sources.length || sources.some((source, i) => source !== this.sources[i])) {
      this.answers.clear();
      this.sources = [...sources];
    }
    const key = `${Math.floor(now.getTime() / 60_000)}\n${question}`;
    const known = this.answers.get(key);
    if (known !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const fresh = answer();
    this.answers.set(key, fresh);
    dropOldest(this.answers, this.maxAnswers);
    return fresh;
  }
}
