/**
 * True when a state object holds nothing but empty defaults: no value other than empty arrays and
 * objects whose values are themselves empty (e.g. `{ dialogState: { dialogStack: [] } }`, which
 * botbuilder creates as soon as a turn looks at the dialog stack). Such a state reads back the same
 * as no state at all, so a conversation that never had one need not get a file for it. `eTag` is
 * the storage's bookkeeping, not content.
 */
export function holdsNothing(state: unknown): boolean {
  if (state === undefined || state === null) return true;
  if (Array.isArray(state)) return state.length === 0;
  if (typeof state !== 'object') return false;
  return Object.entries(state).every(([key, value]) => key === 'eTag' || holdsNothing(value));
}
