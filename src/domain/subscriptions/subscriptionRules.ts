import { DomainError } from '../errors.js';
import { FieldProblems } from '../partnerCenter/validationError.js';
import { checkUserText } from '../text/userText.js';
import { AZURE_SUBSCRIPTION_NAME_MAX_LENGTH, type AzureEntitlement } from './subscription.js';

const FORBIDDEN_NAME_CHARACTERS = /[<>;|]/;

/**
 * Azure subscription display name: required, ≤ 64 characters, text a person can read (no control
 * characters or lone surrogates, userText.ts), none of < > ; | → trimmed name.
 */
export function validateAzureSubscriptionName(
  displayName: string | null | undefined,
  field = 'displayName',
): string {
  const problems = new FieldProblems();
  const checked = checkUserText(displayName, {
    maxLength: AZURE_SUBSCRIPTION_NAME_MAX_LENGTH,
    required: true,
  });
  if (!checked.ok) problems.add(field, checked.problem);
  else if (FORBIDDEN_NAME_CHARACTERS.test(checked.text)) problems.add(field, 'invalidCharacters');
  problems.throwIfAny();
  return checked.ok ? checked.text : '';
}

/** Rule 13: a plan can only be suspended when none of its Azure subscriptions is active (900115). */
export function checkPlanCanBeSuspended(entitlements: readonly AzureEntitlement[]): void {
  const active = entitlements.filter((e) => e.status === 'active');
  if (active.length > 0) {
    throw new DomainError('900115', {
      activeSubscriptionIds: active.map((e) => e.id),
      activeSubscriptionNames: active.map((e) => e.friendlyName),
    });
  }
}
