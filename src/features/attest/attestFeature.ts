import { randomUUID } from 'node:crypto';
import type { BotFeature } from '../../bot/feature.js';
import type { CardRenderer } from '../../cards/cardRenderer.js';
import type { Clock } from '../../domain/clock.js';
import { attestationRefusal } from '../../domain/agreements/attestationOutcome.js';
import {
  boardPage,
  MCA_STATE_KINDS,
  type McaStateKind,
} from '../../domain/agreements/enhancedAttestation.js';
import { isDomainError } from '../../domain/errors.js';
import type { CustomerDirectory } from '../../domain/services/customerDirectory.js';
import type { EnhancedAttestationService } from '../../domain/services/enhancedAttestationService.js';
import { customerPickCardData, PICKER_STATIC_CHOICES } from '../shared/customerPresenter.js';
import type { TurnScope } from '../../bot/turnScope.js';
import type { AttestationApi } from './attestationApi.js';
import { AttestMcaDialog, type AcceptanceLinkBuilder, type AttestOptions } from './attestMcaDialog.js';
import type { AttestationWatchStore } from './attestationWatches.js';
import { agreementHistoryCardData, resultCardData } from './attestPresenter.js';
import {
  agreementCreatedCardData,
  boardCardData,
  campaignCardData,
  mcaStatusCardData,
  stateText,
} from './mcaPresenter.js';

/** Rows per page of the MCA board: keeps the card well under Teams' 28 KB. */
export const BOARD_PAGE_SIZE = 10;

export interface AttestFeatureDependencies {
  /** Agreement history (`agreements <customer>`). */
  history: AttestationApi;
  attestations: EnhancedAttestationService;
  directory: CustomerDirectory;
  cards: CardRenderer;
  clock: Clock;
  watches: AttestationWatchStore;
  linkFor: AcceptanceLinkBuilder;
}

/**
 * `attest [customer]` (enhanced attestation), `agreements <customer>` (history) and
 * `mca status [customer | state]` (the MCA board), with the card verbs mca.status,
 * mca.createAgreement, mca.board and mca.campaign.
 */
export function attestFeature(deps: AttestFeatureDependencies): {
  feature: BotFeature;
  dialog: AttestMcaDialog;
} {
  const { attestations, directory, clock } = deps;
  const dialog = new AttestMcaDialog(attestations, directory, deps.cards, clock, deps.watches, deps.linkFor);

  async function history(scope: TurnScope, customerId: string, offset?: number): Promise<void> {
    const status = await deps.history.status(scope.actor, customerId);
    const data = agreementHistoryCardData(
      scope.t,
      status.customer,
      status.acceptance,
      status.agreements,
      offset ?? 0,
    );
    // A paging button turns the page in place.
    const replaceId = offset !== undefined ? scope.context.activity.replyToId : undefined;
    if (replaceId) await scope.reply.replaceCard(replaceId, 'result', data);
    else await scope.reply.card('result', data);
  }

  async function showStatus(scope: TurnScope, customerId: string, replaceId?: string): Promise<void> {
    const { customer, state } = await attestations.status(scope.actor, customerId);
    await scope.reply.replaceCard(
      replaceId,
      'mca-status',
      mcaStatusCardData(scope.t, {
        customer,
        state,
        linkFor: deps.linkFor,
        now: clock.now(),
        userId: scope.actor.user.aadObjectId,
      }),
    );
  }

  async function showBoard(
    scope: TurnScope,
    states: McaStateKind[],
    page: number,
    replaceId?: string,
    refresh = false,
  ) {
    const board = await attestations.board(scope.actor, { refresh });
    const current = boardPage(board.rows, states, page, BOARD_PAGE_SIZE, scope.locale);
    await scope.reply.replaceCard(
      replaceId,
      'mca-board',
      boardCardData(scope.t, current, board.rows, {
        states,
        campaignId: randomUUID(),
        userId: scope.actor.user.aadObjectId,
        checked: board.checked,
        total: board.total,
      }),
    );
  }

  /** A state named in the user's words ("expired", "renewal", "만료" …), or undefined. */
  function stateFromText(scope: TurnScope, text: string): McaStateKind | undefined {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return undefined;
    return MCA_STATE_KINDS.find(
      (kind) => kind.toLowerCase() === wanted || stateText(scope.t, kind).toLowerCase().includes(wanted),
    );
  }

  const customerIdOf = async (
    scope: TurnScope,
    data: Record<string, unknown>,
  ): Promise<string | undefined> => {
    if (typeof data.customerId === 'string') return data.customerId;
    await scope.reply.text('core.cardInvalid', { detail: 'customerId' });
    return undefined;
  };

  return {
    dialog,
    feature: {
      dialogs: [dialog],
      commands: {
        attest: async (scope, argument) => {
          await scope.dc.beginDialog(AttestMcaDialog.ID, { customerQuery: argument } satisfies AttestOptions);
        },
        agreements: async (scope, argument) => {
          if (argument === '') {
            // No customer named: the picker, with typeahead over every customer.
            const first = await directory.search(scope.actor, '', 'agreements.view', PICKER_STATIC_CHOICES);
            await scope.reply.card(
              'customer-pick',
              customerPickCardData(scope.t, '', first, { verb: 'agreements.show' }),
            );
            return;
          }
          const match = await directory.find(scope.actor, argument, 'agreements.view');
          if (match.kind === 'one') return history(scope, match.customer.id);
          if (match.kind === 'many') {
            await scope.reply.card(
              'customer-pick',
              customerPickCardData(scope.t, argument, match.customers, { verb: 'agreements.show' }),
            );
            return;
          }
          await scope.reply.text('customers.notFound', { query: argument });
        },
        mcaStatus: async (scope, argument) => {
          const state = stateFromText(scope, argument);
          if (argument === '' || state) return showBoard(scope, state ? [state] : [], 0);
          const match = await directory.find(scope.actor, argument, 'agreements.view');
          if (match.kind === 'one') return showStatus(scope, match.customer.id);
          if (match.kind === 'many') {
            await scope.reply.card(
              'customer-pick',
              customerPickCardData(scope.t, argument, match.customers, { verb: 'mca.status' }),
            );
            return;
          }
          await scope.reply.text('customers.notFound', { query: argument });
        },
      },
      submits: {
        'agreements.show': async (scope, data) => {
          const customerId = await customerIdOf(scope, data);
          if (customerId)
            await history(
              scope,
              customerId,
              typeof data.offset === 'number' && Number.isFinite(data.offset) ? data.offset : undefined,
            );
        },
        'mca.status': async (scope, data) => {
          const customerId = await customerIdOf(scope, data);
          if (customerId) await showStatus(scope, customerId, scope.context.activity.replyToId);
        },
        'mca.board': async (scope, data) => {
          const states = typeof data.states === 'string' ? data.states.split(',') : [];
          const valid = states.filter((s): s is McaStateKind =>
            (MCA_STATE_KINDS as readonly string[]).includes(s),
          );
          const page = typeof data.page === 'number' ? data.page : 0;
          await showBoard(scope, valid, page, scope.context.activity.replyToId, data.refresh === true);
        },
        'mca.createAgreement': async (scope, data) => {
          const customerId = await customerIdOf(scope, data);
          if (!customerId) return;
          if (typeof data.attestationId !== 'string') {
            await scope.reply.text('core.cardInvalid', { detail: 'attestationId' });
            return;
          }
          const replaceId = scope.context.activity.replyToId;
          try {
            const agreement = await attestations.createAgreement(scope.actor, customerId, data.attestationId);
            const customer = await directory.get(scope.actor, customerId, 'agreements.attest');
            const watch = await deps.watches.get(data.attestationId);
            await scope.reply.replaceCard(
              replaceId,
              'result',
              agreementCreatedCardData(scope.t, customer, agreement, watch?.resumePurchase === true),
            );
          } catch (error) {
            if (!isDomainError(error)) throw error;
            const outcome = attestationRefusal(error);
            await scope.reply.replaceCard(
              replaceId,
              'result',
              resultCardData(
                outcome.refusal === 'failed' ? 'attention' : 'default',
                scope.t.t(
                  outcome.refusal === 'alreadyRecorded' ? 'attest.duplicate.title' : 'attest.failed.title',
                ),
                '',
              ),
            );
            await scope.reply.error(error);
          }
        },
        'mca.campaign': async (scope, data) => {
          const campaignId = typeof data.campaignId === 'string' ? data.campaignId : randomUUID();
          const selected = Object.entries(data)
            .filter(([key, value]) => key.startsWith('select_') && value === 'true')
            .map(([key]) => key.slice('select_'.length));
          if (selected.length === 0) {
            await scope.reply.text('mca.campaign.none');
            return;
          }
          const outcomes = await attestations.campaign(scope.actor, selected, campaignId, scope.locale);
          await scope.reply.replaceCard(
            scope.context.activity.replyToId,
            'result',
            campaignCardData(scope.t, outcomes, deps.linkFor),
          );
        },
      },
    },
  };
}
