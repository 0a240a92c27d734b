import { DialogContextError } from 'botbuilder-dialogs';
import { isDomainError } from '../domain/errors.js';
import { PERMISSION_MATRIX, type Operation } from '../domain/identity/permissions.js';
import { notSoldIn } from '../domain/markets/notSold.js';
import { meaningOf600002 } from '../domain/partnerCenter/errorDescriptions.js';
import type { Translator } from '../i18n/translator.js';

/**
 * The error itself, without the DialogContextError that botbuilder-dialogs wraps around anything a
 * dialog throws (the original is in `.error`). Without this, a refusal thrown inside a flow (e.g.
 * `forbidden` from a customer lookup) would read as an unexpected failure.
 */
export function unwrapTurnError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 8 && current instanceof DialogContextError; depth += 1) current = current.error;
  return current;
}

/**
 * The localized sentence for a domain refusal, or undefined when the error is not one (a bug or an
 * outage, which the caller reports generically with a correlation id).
 */
export function describeError(
  t: Translator,
  thrown: unknown,
  context: Readonly<Record<string, string>> = {},
): string | undefined {
  const error = unwrapTurnError(thrown);
  if (!isDomainError(error)) return undefined;
  // Context (e.g. the customer's name) first: the domain's params only carry ids.
  const params: Record<string, string | readonly string[]> = { customer: '—', ...context };
  for (const [name, value] of Object.entries(error.params)) {
    params[name] = Array.isArray(value) ? value : String(value);
  }
  // Where the plan is not sold, why (21Vianet / export restrictions), also when an adapter only sent the country.
  if (error.code === 'not_available_in_country') {
    const code = String(error.params.countryCode ?? error.params.country ?? '').toUpperCase();
    params.countryCode = code;
    params.reason = String(error.params.reason ?? notSoldIn(code)?.reason ?? 'notInCatalog');
  }
  // Country codes read better as names ("CN" → "China" / "중국").
  if (typeof params.country === 'string' && /^[A-Z]{2}$/i.test(params.country))
    params.country = t.country(params.country);
  // Dates in params are ISO calendar dates: show them as the user's locale writes dates.
  for (const name of ['eligibleFrom', 'todayUtc']) {
    const value = params[name];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
      params[name] = t.date(`${value}T00:00:00Z`);
  }
  if (error.code === 'forbidden' || error.code === 'reseller_not_allowed') {
    const operation = String(error.params.operation) as Operation;
    const operationText = t.has(`core.op.${operation}`)
      ? t.t(`core.op.${operation}` as 'core.op.prices.view')
      : operation;
    if (error.code === 'reseller_not_allowed')
      return t.t('core.resellerNotAllowed', { operation: operationText });
    const roles = (PERMISSION_MATRIX[operation] ?? []).map((role) => t.t(`core.role.${role}`));
    const yourRoles = ((error.params.yourRoles as readonly string[] | undefined) ?? []).map((role) =>
      t.has(`core.role.${role}`) ? t.t(`core.role.${role}` as 'core.role.GlobalAdmin') : role,
    );
    return t.t('core.forbidden', {
      operation: operationText,
      roles: t.orList(roles),
      yourRoles: yourRoles.length > 0 ? yourRoles : '—',
      partner: String(error.params.partner ?? ''),
    });
  }
  // A plan of a reseller of record: named by the caller (name and id), else by its id.
  if (error.code === 'plan_exists')
    params.reseller = context.reseller ?? (String(error.params.resellerMpnId ?? '') || 'none');
  // 600002 means different things by its description (future date / tax id vs address).
  if (error.code === '600002') {
    params.reason = meaningOf600002(error) ?? 'unknown';
    params.todayUtc ??= 'none';
  }
  const key = `error.${error.code}`;
  if (t.has(key)) return t.t(key, params);
  return undefined;
}
