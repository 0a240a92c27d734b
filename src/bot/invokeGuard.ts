import { randomUUID } from 'node:crypto';
import type { InvokeResponse } from 'botbuilder';
import type { Logger } from '../logging.js';

/**
 * Invoke activities are requests that wait for an answer (HTTP status + body), not chat turns. The
 * Bot Framework SDK answers an invoke it has no handler for with 501, and one whose `value` has
 * the wrong shape crashes inside the SDK (`value.action.type` of undefined …), which ends in the
 * adapter's onTurnError: a 500 plus a chat message "something went wrong" nobody asked for.
 *
 * The guard answers every invoke with a well-formed response instead:
 * - names the bot handles pass through after their `value` is checked; a wrong shape gets 400 with
 *   the documented error body (`application/vnd.microsoft.error`, code + message);
 * - every other name (unknown, or known to Teams but not used by this app) gets 400 "NotSupported";
 * - a handler that still answers 501 (not implemented) gets 400 "NotSupported";
 * - a handler that throws is logged with a correlation id and answered with an error body (never a
 *   chat message); a message-extension query answers with a compose-box message the user can read.
 */

/** The invoke names this bot answers; everything else is "NotSupported". */
export const HANDLED_INVOKES: ReadonlySet<string> = new Set([
  'adaptiveCard/action',
  'composeExtension/query',
  // The user's answer to a file consent card (a CSV the bot offers in a personal chat).
  'fileConsent/invoke',
  // Adaptive Card typeahead (Input.ChoiceSet with Data.Query): answered by a feature's dataset.
  'application/search',
  // Sign-in (SSO token exchange, magic code): answered by the sign-in handlers where they exist.
  'signin/verifyState',
  'signin/tokenExchange',
]);

const ERROR_TYPE = 'application/vnd.microsoft.error';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
/** Longest message-extension search text taken (Teams' compose box sends far less). */
export const MAX_QUERY_TEXT = 500;

export type InvokeErrorCode = 'BadRequest' | 'NotSupported' | 'InternalError';

export function invokeError(status: number, code: InvokeErrorCode, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: ERROR_TYPE, value: { code, message } } };
}

/** The documented Universal Actions answer that shows `text` to the user instead of a new card. */
export function invokeMessage(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: text } };
}

/** The compose-box message answer of a message extension (shown in place of results). */
export function composeMessage(text: string): InvokeResponse {
  return { status: 200, body: { composeExtension: { type: 'message', text } } };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why an `adaptiveCard/action` value cannot be an Action.Execute, or undefined when it can. */
export function adaptiveCardActionProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'The value must be an object with an action.';
  const action = value.action;
  if (!isObject(action)) return 'The value must have an action object.';
  if (action.type !== 'Action.Execute') return 'Only Action.Execute is supported.';
  if (action.verb !== undefined && typeof action.verb !== 'string') return 'The verb must be a string.';
  if (action.data !== undefined && action.data !== null && !isObject(action.data))
    return 'The data must be an object.';
  return undefined;
}

/** Why a `composeExtension/query` value is malformed, or undefined when the search can run. */
export function messagingExtensionQueryProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'The value must be a messaging extension query object.';
  if (value.commandId !== undefined && typeof value.commandId !== 'string')
    return 'The commandId must be a string.';
  const parameters = value.parameters;
  if (parameters !== undefined && parameters !== null) {
    if (!Array.isArray(parameters)) return 'The parameters must be an array.';
    for (const parameter of parameters) {
      if (!isObject(parameter) || typeof parameter.name !== 'string')
        return 'Every parameter must be an object with a name.';
      const text = parameter.value;
      if (text !== undefined && text !== null && typeof text !== 'string' && typeof text !== 'number')
        return 'A parameter value must be text.';
      if (typeof text === 'string' && text.length > MAX_QUERY_TEXT)
        return `A parameter value has at most ${MAX_QUERY_TEXT} characters.`;
    }
  }
  const options = value.queryOptions;
  if (options !== undefined && options !== null) {
    if (!isObject(options)) return 'The queryOptions must be an object.';
    for (const name of ['skip', 'count'] as const) {
      const n = options[name];
      if (n !== undefined && (typeof n !== 'number' || !Number.isFinite(n)))
        return `queryOptions.${name} must be a number.`;
    }
  }
  return undefined;
}

/** Why an `application/search` value is malformed, or undefined when the search can run. */
export function searchInvokeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'The value must be a search object.';
  if (value.queryText !== undefined && typeof value.queryText !== 'string')
    return 'The queryText must be text.';
  if (typeof value.queryText === 'string' && value.queryText.length > MAX_QUERY_TEXT)
    return `The queryText has at most ${MAX_QUERY_TEXT} characters.`;
  if (value.dataset !== undefined && typeof value.dataset !== 'string') return 'The dataset must be text.';
  const options = value.queryOptions;
  if (options !== undefined && options !== null) {
    if (!isObject(options)) return 'The queryOptions must be an object.';
    for (const name of ['skip', 'top'] as const) {
      const n = options[name];
      if (n !== undefined && (typeof n !== 'number' || !Number.isFinite(n)))
        return `queryOptions.${name} must be a number.`;
    }
  }
  return undefined;
}

export interface InvokeGuardOptions {
  name: unknown;
  value: unknown;
  logger: Logger;
  /** Runs the SDK's invoke dispatch (the bot's handlers). */
  dispatch: () => Promise<InvokeResponse>;
  /** What an Action.Execute answers when no handler takes it (an old or edited card). */
  staleCardText: () => Promise<string>;
  /** The localized "something went wrong (ref …)" text for a failed message-extension query. */
  failureText: (correlationId: string) => Promise<string>;
}

/** Answers one invoke activity; never throws, never answers 5xx for a client's malformed request. */
export async function guardInvoke(options: InvokeGuardOptions): Promise<InvokeResponse> {
  const name = typeof options.name === 'string' ? options.name : '';
  if (!HANDLED_INVOKES.has(name)) {
    return invokeError(400, 'NotSupported', 'This app does not handle this invoke.');
  }
  try {
    if (name === 'adaptiveCard/action') {
      const problem = adaptiveCardActionProblem(options.value);
      if (problem) return invokeError(400, 'BadRequest', problem);
    }
    if (name === 'composeExtension/query') {
      const problem = messagingExtensionQueryProblem(options.value);
      if (problem) return invokeError(400, 'BadRequest', problem);
    }
    if (name === 'fileConsent/invoke') {
      const value = options.value as { action?: unknown } | null | undefined;
      if (!isObject(value) || (value.action !== 'accept' && value.action !== 'decline'))
        return invokeError(
          400,
          'BadRequest',
          'The value must be an object with action "accept" or "decline".',
        );
    }
    if (name === 'application/search') {
      const problem = searchInvokeProblem(options.value);
      if (problem) return invokeError(400, 'BadRequest', problem);
    }
    const response = await options.dispatch();
    if (name === 'adaptiveCard/action' && (!response || response.status === 501)) {
      // No handler took the action (an old or edited card): the documented message answer.
      return invokeMessage(await options.staleCardText());
    }
    if (!response || response.status === 501) {
      return invokeError(400, 'NotSupported', 'This app does not handle this invoke.');
    }
    if (response.status >= 400 && response.status < 500 && response.body === undefined) {
      return invokeError(response.status, 'BadRequest', 'The request was not accepted.');
    }
    return response;
  } catch (error) {
    const correlationId = randomUUID().slice(0, 8);
    options.logger.error({ err: error, correlationId, invoke: name }, 'invoke failed');
    if (name === 'composeExtension/query') {
      const text = await options.failureText(correlationId).catch(() => undefined);
      if (text) return composeMessage(text);
    }
    return invokeError(500, 'InternalError', `Something went wrong (reference ${correlationId}).`);
  }
}
