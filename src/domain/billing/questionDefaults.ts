/**
 * What a billing question is about when it leaves something out.
 * A bill estimate without a month is about the last complete calendar month (UTC) — the one whose
 * invoice comes next; a month named alone stands for its usage; a date for its own month.
 */
export function estimateMonthFor(question: { month?: string; date?: string }, today: Date): string {
  if (question.month !== undefined) return question.month;
  if (question.date !== undefined) return question.date.slice(0, 7);
  const previous = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  return previous.toISOString().slice(0, 7);
}

/**
 * The day whose FX month answers an FX question: the date asked about, else the first day of the
 * month asked about (one FX month covers the whole usage month); undefined when neither is told.
 */
export function fxQuestionDay(question: { month?: string; date?: string }): string | undefined {
  return question.date ?? (question.month ? `${question.month}-01` : undefined);
}
