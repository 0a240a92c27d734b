import { randomUUID } from 'node:crypto';
import { ownHandler } from './handlerTable.js';
import {
  CardFactory,
  MessageFactory,
  type Activity,
  type Attachment,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer.js';
import { assertCan } from '../domain/identity/actor.js';
import { quoteUserText } from '../domain/text/userText.js';
import type { Translator } from '../i18n/translator.js';
import type { Logger } from '../logging.js';
import type { UnknownTextHandler } from './feature.js';
import { normalizeCommandText, type CommandMatch, type CommandRouter } from './router.js';
import type { CommandHandlers, FallbackHandler, SubmitData, SubmitHandler, TurnScope } from './turnScope.js';

/** Card verbs of the interruption policy (the drop-confirm card and the "cancel" choice of prompts). */
export const FLOW_VERBS = { cancel: 'flow.cancel', drop: 'flow.drop', keep: 'flow.keep' } as const;
const COMMAND_RUN_VERB = 'command.run';

/** A message a dialog showed as its prompt, kept so the prompt can be shown again after an interruption. */
interface PromptMessage {
  id?: string;
  text?: string;
  attachments?: Attachment[];
  suggestedActions?: Activity['suggestedActions'];
}

/** Per user and conversation (private conversation state), beside the dialog stack. */
export interface FlowState {
  /** The prompt of each dialog on the root stack, outermost first (null: nothing recorded). */
  prompts: Array<PromptMessage[] | null>;
  /** A flow command that arrived during a flow and waits for "drop the current one?". */
  pendingDrop?: { confirmId: string; command: string; cardId?: string };
}

export interface DialogHostDependencies {
  router: CommandRouter;
  commands: CommandHandlers;
  submits: Readonly<Record<string, SubmitHandler>>;
  /** Cards of flows that ended (BotFeature.endedFlowCards), by verb. */
  endedFlowCards?: Readonly<Record<string, (scope: TurnScope, data: SubmitData) => Promise<boolean>>>;
  fallbacks: readonly FallbackHandler[];
  cards: CardRenderer;
  logger: Logger;
  state: StatePropertyAccessor<FlowState>;
  /** Typed text nobody took (the core feature's "did you mean" card); undefined: a plain sentence. */
  unknown?: UnknownTextHandler;
}

/** Words that answer the drop-confirm card when typed instead of pressed. */
const YES = new Set(['yes', 'y', 'ok', '예', '네', '응']);
const NO = new Set(['no', 'n', '아니요', '아니오', '아니']);

/**
 * The one interruption policy for every guided flow (after BotBuilder-Samples 13.core-bot's
 * CancelAndHelpDialog, applied by the host so no dialog repeats it). While a dialog waits:
 * - `help` and quick questions (typed commands marked `inFlow: 'answer'`, free-text price, billing
 *   and availability questions, buttons of other cards) are answered and the flow's current prompt
 *   is shown again (the old card becomes a read-only "moved below" card);
 * - `cancel`/`취소` (or a prompt's Cancel choice) ends the flow and says so; its cards become read-only;
 * - another flow command asks "drop the current one?" with Yes/No buttons first;
 * - anything else is the flow's input.
 * Prompts are recorded from what the dialog sent when it last advanced, so no dialog needs code for it.
 */
export class DialogHost {
  constructor(private readonly deps: DialogHostDependencies) {}

  async handleText(scope: TurnScope, text: string): Promise<void> {
    const turn = await this.turn(scope);
    const match = this.deps.router.match(text);
    if (!scope.dc.activeDialog) {
      if (match?.command.inFlow === 'cancel') {
        await scope.reply.text('core.cancelled');
        return;
      }
      if (match && (await this.segment(turn, 'step', () => this.runCommand(scope, match)))) return;
      if (await this.segment(turn, 'step', () => this.runFallbacks(scope, text))) return;
      if (this.deps.unknown) await this.deps.unknown(scope, this.deps.router, text);
      else await scope.reply.text('core.unknown', { text: quoteUserText(text) });
      return;
    }
    if (turn.state.pendingDrop) {
      const word = normalizeCommandText(text);
      if (YES.has(word)) return this.answerDrop(turn, true, turn.state.pendingDrop.confirmId);
      if (NO.has(word)) return this.answerDrop(turn, false, turn.state.pendingDrop.confirmId);
    }
    if (match && (await this.commandDuringFlow(turn, match, text))) return;
    if (
      !this.isPromptChoice(turn, text) &&
      (await this.segment(turn, 'aside', () => this.runFallbacks(scope, text)))
    )
      return;
    await this.segment(turn, 'step', () => scope.dc.continueDialog());
  }

  async handleSubmit(scope: TurnScope, data: SubmitData): Promise<void> {
    const turn = await this.turn(scope);
    const dc = scope.dc;
    if (data.verb === FLOW_VERBS.drop || data.verb === FLOW_VERBS.keep) {
      await this.answerDrop(turn, data.verb === FLOW_VERBS.drop, data.confirmId);
      return;
    }
    if (data.verb === FLOW_VERBS.cancel) {
      if (dc.activeDialog && this.levelOf(turn, data.flowId) !== undefined) await this.cancelFlows(turn);
      else await this.stale(scope);
      return;
    }
    if (dc.activeDialog && data.verb === COMMAND_RUN_VERB) {
      // A button that runs a command "as typed" follows the same rules as typing it.
      const match = this.deps.router.match(typeof data.command === 'string' ? data.command : '');
      if (!match) await scope.reply.text('core.cardInvalid', { detail: 'command' });
      else if (!(await this.commandDuringFlow(turn, match, String(data.command)))) await this.stale(scope);
      return;
    }
    const handler = ownHandler(this.deps.submits, data.verb);
    if (handler) {
      await this.segment(turn, dc.activeDialog ? 'aside' : 'step', () => handler(scope, data));
      return;
    }
    if (dc.activeDialog) {
      // A card of an outer flow pressed while a quick question waits on top (e.g. the PEC dialog
      // asking for a role over the attest form): the press wins and the question is dropped.
      const level = this.levelOf(turn, data.flowId);
      while (level !== undefined && dc.stack.length - 1 > level) await dc.endDialog();
      await this.segment(turn, 'step', () => dc.continueDialog());
      return;
    }
    // No flow runs: the card's flow ended (maybe on another instance); its feature may still know the answer.
    const ended = ownHandler(this.deps.endedFlowCards ?? {}, data.verb);
    if (ended && (await ended(scope, data))) return;
    await this.stale(scope);
  }

  private async turn(scope: TurnScope): Promise<FlowTurn> {
    const state = await this.deps.state.get(scope.context, { prompts: [] });
    // The dialog stack may have been cleared elsewhere (e.g. state reset): forget its prompts.
    if (state.prompts.length > scope.dc.stack.length) state.prompts.length = scope.dc.stack.length;
    // A drop question outlives nothing: once no flow runs, "yes" must not start what it offered.
    if (scope.dc.stack.length === 0) state.pendingDrop = undefined;
    return { scope, state, outbox: new Outbox(scope.context) };
  }

  /** Returns false when the command has no handler (not built into this bot). */
  private async commandDuringFlow(turn: FlowTurn, match: CommandMatch, text: string): Promise<boolean> {
    const { scope } = turn;
    if (match.command.inFlow !== 'cancel' && !ownHandler(this.deps.commands, match.command.id)) return false;
    switch (match.command.inFlow) {
      case 'cancel':
        await this.cancelFlows(turn);
        return true;
      case 'askToDrop':
        await this.askToDrop(turn, match, text);
        return true;
      case 'answer':
        await this.segment(turn, 'aside', () => this.runCommand(scope, match));
        return true;
    }
  }

  private async runCommand(scope: TurnScope, match: CommandMatch): Promise<boolean> {
    // Refuse early, before any card is shown; the domain services check again on every call.
    if (match.command.operation) assertCan(scope.actor, match.command.operation);
    const handler = ownHandler(this.deps.commands, match.command.id);
    if (!handler) return false;
    await handler(scope, match.argument);
    return true;
  }

  private async runFallbacks(scope: TurnScope, text: string): Promise<boolean> {
    for (const fallback of this.deps.fallbacks) {
      if (await fallback(scope, text)) return true;
    }
    return false;
  }

  /**
   * Runs one piece of a turn and keeps the prompts in step with the dialog stack. A `step` is the
   * flow's own input: when a dialog began or advanced, what it showed becomes its prompt; when a
   * dialog on top ended, the one below shows its prompt again. An `aside` is an answer given while
   * the flow waits: the flow then shows its prompt again. Returns what `run` returned.
   */
  private async segment<T>(
    turn: FlowTurn,
    kind: 'step' | 'aside',
    run: () => Promise<T>,
  ): Promise<T | undefined> {
    const dc = turn.scope.dc;
    const depthBefore = dc.stack.length;
    const stackBefore = JSON.stringify(dc.stack);
    const mark = turn.outbox.mark();
    let result: T | undefined;
    try {
      result = await run();
    } catch (error) {
      // A refused or failed quick answer is explained; the flow it interrupted still goes on.
      if (kind === 'step') throw error;
      await turn.scope.reply.error(error);
    }
    if (kind === 'aside' && result === false) return result;
    const depth = dc.stack.length;
    const prompts = turn.state.prompts.slice(0, depth);
    while (prompts.length < depth) prompts.push(null);
    turn.state.prompts = prompts;
    if (depth === 0) {
      turn.state.pendingDrop = undefined;
      return result;
    }
    const shown = turn.outbox.promptSince(mark);
    if (kind === 'aside' && depth === depthBefore + 1 && isSameKindAsBelow(dc.stack)) {
      await this.replaceWaiting(turn);
      turn.state.prompts[dc.stack.length - 1] = shown ?? null;
      return result;
    }
    if (depth > depthBefore) prompts[depth - 1] = shown ?? null;
    else if (depth < depthBefore || kind === 'aside') await this.reprompt(turn);
    else if (shown && JSON.stringify(dc.stack) !== stackBefore) prompts[depth - 1] = shown;
    return result;
  }

  /**
   * A new question of the same kind as the one waiting (e.g. a second `pec …` while the first asks
   * for the role) replaces it: the older dialog leaves the stack and its card becomes read-only, so
   * the stack never grows with repeated questions and a click on the older card finds no dialog.
   * The botbuilder stack lists the outermost dialog first: the new one is last, the replaced one
   * just below it.
   */
  private async replaceWaiting(turn: FlowTurn): Promise<void> {
    const { scope, state } = turn;
    const below = scope.dc.stack.length - 2;
    const prompt = state.prompts[below];
    const flow = flowNameOf(scope.t, scope.dc.stack[below].id);
    if (prompt) await this.makeReadOnly(scope, prompt, scope.t.t('flow.inactive.replaced', { flow }));
    scope.dc.stack.splice(below, 1);
    state.prompts.splice(below, 1);
  }

  /** Shows the current prompt again below the answer; the old card says it moved. */
  private async reprompt(turn: FlowTurn, note = true): Promise<void> {
    const { scope, state } = turn;
    const level = scope.dc.stack.length - 1;
    const prompt = state.prompts[level];
    if (!prompt || prompt.length === 0) return;
    const flow = this.flowName(scope, level);
    await this.makeReadOnly(scope, prompt, scope.t.t('flow.inactive.movedBelow', { flow }));
    if (note) await scope.reply.text('flow.resume', { flow });
    const again: PromptMessage[] = [];
    for (const message of prompt) {
      const response = await scope.context.sendActivity({
        type: 'message',
        text: message.text,
        attachments: message.attachments,
        suggestedActions: message.suggestedActions,
      });
      again.push({ ...message, id: response?.id });
    }
    state.prompts[level] = again;
  }

  private async cancelFlows(turn: FlowTurn, dropFor?: string): Promise<void> {
    const { scope, state } = turn;
    const names = this.flowNames(scope);
    const text = dropFor
      ? scope.t.t('flow.inactive.dropped', { flow: names, command: dropFor })
      : scope.t.t('flow.inactive.cancelled', { flow: names });
    for (const prompt of state.prompts) if (prompt) await this.makeReadOnly(scope, prompt, text);
    await scope.dc.cancelAllDialogs();
    state.prompts = [];
    if (!dropFor) await scope.reply.text('flow.cancelledFlow', { flow: names });
  }

  private async askToDrop(turn: FlowTurn, match: CommandMatch, text: string): Promise<void> {
    const { scope, state } = turn;
    // Refuse a command the user may not run before offering to drop anything for it.
    if (match.command.operation) assertCan(scope.actor, match.command.operation);
    const confirmId = randomUUID();
    const command = text.replace(/\s+/g, ' ').trim();
    if (state.pendingDrop?.cardId) {
      await this.makeReadOnly(scope, [{ id: state.pendingDrop.cardId, attachments: [] }], '');
    }
    const userId = scope.actor.user.aadObjectId;
    const cardId = await scope.reply.card('result', {
      style: 'warning',
      title: scope.t.t('flow.drop.title', { flow: this.flowNames(scope) }),
      text: scope.t.t('flow.drop.question', { command }),
      facts: [],
      footer: '',
      actions: [
        { title: scope.t.t('flow.drop.yes'), data: { verb: FLOW_VERBS.drop, confirmId, userId } },
        { title: scope.t.t('flow.drop.no'), data: { verb: FLOW_VERBS.keep, confirmId, userId } },
      ],
    });
    state.pendingDrop = { confirmId, command, cardId };
  }

  private async answerDrop(turn: FlowTurn, drop: boolean, confirmId: unknown): Promise<void> {
    const { scope, state } = turn;
    const pending = state.pendingDrop;
    if (!pending || pending.confirmId !== confirmId) {
      await this.stale(scope);
      return;
    }
    state.pendingDrop = undefined;
    const cardId = scope.context.activity.replyToId ?? pending.cardId;
    const names = this.flowNames(scope);
    if (!scope.dc.activeDialog) {
      // The flow ended in the meantime: nothing to drop or continue.
      await scope.reply.replaceCard(cardId, 'result', readOnly(scope.t.t('flow.inactive.title'), ''));
      if (drop) await this.handleText(scope, pending.command);
      return;
    }
    if (!drop) {
      await scope.reply.replaceCard(
        cardId,
        'result',
        readOnly(
          scope.t.t('flow.drop.keptTitle', { flow: names }),
          scope.t.t('flow.drop.keptText', { command: pending.command }),
        ),
      );
      // The replaced card already says the flow continues: no second note above the prompt.
      await this.reprompt(turn, false);
      return;
    }
    await scope.reply.replaceCard(
      cardId,
      'result',
      readOnly(
        scope.t.t('flow.drop.droppedTitle', { flow: names }),
        scope.t.t('flow.drop.droppedText', { command: pending.command }),
      ),
    );
    await this.cancelFlows(turn, pending.command);
    const match = this.deps.router.match(pending.command);
    if (match) await this.segment(turn, 'step', () => this.runCommand(scope, match));
  }

  /** Replaces the cards of a prompt with a read-only card saying why (no button can be pressed). */
  private async makeReadOnly(scope: TurnScope, prompt: PromptMessage[], text: string): Promise<void> {
    const card = this.deps.cards.render('result', readOnly(scope.t.t('flow.inactive.title'), text));
    for (const message of prompt) {
      if (!message.id || !message.attachments) continue;
      try {
        await scope.context.updateActivity({
          ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
          id: message.id,
        });
      } catch (error) {
        // A channel that cannot update messages: the old card stays; its presses are answered as stale.
        this.deps.logger.warn({ err: error, activityId: message.id }, 'could not mark a card read-only');
      }
    }
  }

  /** The root stack level (outermost 0) whose dialog state holds this flow id. */
  private levelOf(turn: FlowTurn, flowId: unknown): number | undefined {
    if (typeof flowId !== 'string' || flowId === '') return undefined;
    const stack = turn.scope.dc.stack;
    for (let index = 0; index < stack.length; index++) {
      if (JSON.stringify(stack[index]).includes(JSON.stringify(flowId))) return stack.length - 1 - index;
    }
    return undefined;
  }

  private isPromptChoice(turn: FlowTurn, text: string): boolean {
    const prompt = turn.state.prompts[turn.scope.dc.stack.length - 1];
    if (!prompt) return false;
    const typed = normalizeCommandText(text);
    return prompt.some((message) =>
      choicesOf(message).some((choice) => normalizeCommandText(choice) === typed),
    );
  }

  /** The name of the flow at a stack level (outermost 0), e.g. "the MCA attestation". */
  private flowName(scope: TurnScope, level: number): string {
    const stack = scope.dc.stack;
    const id = stack[stack.length - 1 - level]?.id ?? '';
    return flowNameOf(scope.t, id);
  }

  /** Every running flow, innermost first ("the PEC question and the MCA attestation"). */
  private flowNames(scope: TurnScope): string[] {
    return scope.dc.stack.map((instance) => flowNameOf(scope.t, instance.id));
  }

  private async stale(scope: TurnScope): Promise<void> {
    await scope.reply.text('core.cardStale', { command: scope.t.t('command.help.usage') });
  }
}

interface FlowTurn {
  scope: TurnScope;
  state: FlowState;
  outbox: Outbox;
}

export function flowNameOf(t: Translator, dialogId: string): string {
  const key = `flow.name.${dialogId}`;
  return t.has(key) ? t.t(key) : t.t('flow.name.other');
}

/** True when the dialog on top was begun with the same id as the one waiting below it. */
function isSameKindAsBelow(stack: ReadonlyArray<{ id: string }>): boolean {
  return stack.length >= 2 && stack[stack.length - 1].id === stack[stack.length - 2].id;
}

function readOnly(title: string, text: string) {
  return { style: 'default', title, text, facts: [], footer: '', actions: [] };
}

/** Every message this turn sent or updated, in order, so a step's prompt can be recorded. */
class Outbox {
  private readonly log: Array<{ kind: 'sent' | 'updated'; message: PromptMessage }> = [];

  constructor(context: TurnContext) {
    context.onSendActivities(async (_context, activities, next) => {
      const responses = await next();
      activities.forEach((activity, index) => {
        if (activity.type !== 'message') return;
        this.log.push({ kind: 'sent', message: promptMessage(activity, responses?.[index]?.id) });
      });
      return responses;
    });
    context.onUpdateActivity(async (_context, activity, next) => {
      await next();
      if (activity.type === 'message' || activity.type === undefined)
        this.log.push({ kind: 'updated', message: promptMessage(activity, activity.id) });
    });
  }

  mark(): number {
    return this.log.length;
  }

  /** What a step showed since `mark`: the messages it sent, else the card it replaced in place last. */
  promptSince(mark: number): PromptMessage[] | undefined {
    const entries = this.log.slice(mark);
    const sent = entries.filter((entry) => entry.kind === 'sent').map((entry) => entry.message);
    if (sent.length > 0) return sent;
    const updated = entries.filter((entry) => entry.kind === 'updated').at(-1);
    return updated ? [updated.message] : undefined;
  }
}

function promptMessage(activity: Partial<Activity>, id: string | undefined): PromptMessage {
  return {
    id: id ?? activity.id,
    ...(activity.text ? { text: activity.text } : {}),
    ...(activity.attachments?.length ? { attachments: activity.attachments } : {}),
    ...(activity.suggestedActions ? { suggestedActions: activity.suggestedActions } : {}),
  };
}

/** Titles a user could type instead of pressing: card buttons, choice-set choices, suggested actions. */
function choicesOf(message: PromptMessage): string[] {
  const titles: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const type = typeof record.type === 'string' ? record.type : '';
      if (
        (type.startsWith('Action.') || type === 'imBack' || type === 'messageBack') &&
        typeof record.title === 'string'
      )
        titles.push(record.title);
      if (type === 'Input.ChoiceSet' && Array.isArray(record.choices)) {
        for (const choice of record.choices as Array<{ title?: unknown }>)
          if (typeof choice.title === 'string') titles.push(choice.title);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(message.attachments?.map((attachment) => attachment.content));
  walk(message.suggestedActions?.actions);
  return titles;
}
