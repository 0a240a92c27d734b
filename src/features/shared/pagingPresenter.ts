import { countParams, type PageWindow } from '../../domain/paging/paging.js';
import type { Translator } from '../../i18n/translator.js';

export type PagingNoun = 'customers' | 'subscriptions' | 'agreements' | 'rows' | 'results' | 'regions';

/**
 * The count line ("51–100 of 4,812 customers") and the "Previous"/"Next" buttons of a list card.
 * `data(direction)` is the submit data of a button (its verb and everything that keeps the
 * filter); the renderer sends it as Action.Execute with a Submit fallback.
 */
export function pagingCardData(
  t: Translator,
  window: PageWindow,
  noun: PagingNoun,
  data: (direction: 'previous' | 'next') => Record<string, unknown>,
) {
  const pager: { title: string; data: Record<string, unknown> }[] = [];
  if (window.hasPrevious) pager.push({ title: t.t('paging.previous'), data: data('previous') });
  if (window.hasNext) pager.push({ title: t.t('paging.next'), data: data('next') });
  return {
    count: window.total === 0 ? t.t('paging.empty') : t.t(`paging.count.${noun}`, countParams(window)),
    pager,
  };
}

/** The pager's ActionSet for a card template's body (empty list: nothing). */
