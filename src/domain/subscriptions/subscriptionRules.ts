import { DomainError } from '../errors.js';
import { FieldProblems } from '../partnerCenter/validationError.js';
import { AZURE_SUBSCRIPTION_NAME_MAX_LENGTH, type AzureEntitlement } from './subscription.js';

const FORBIDDEN_NAME_CHARACTERS = /[<>;|]/;

/** Azure subscription display name: required, ≤ 64 characters, none of < > ; | → trimmed name. */
export function validateAzureSubscriptionName(
  displayName: string | null | undefined,
  field = 'displayName',
): string {
  const problems = new FieldProblems();
  const name = typeof displayName === 'string' ? displayName.trim() : '';
  if (!name) problems.add(field, 'required');
  else if (name.length > AZURE_SUBSCRIPTION_NAME_MAX_LENGTH) problems.add(field, 'tooLong');
  else if (FORBIDDEN_NAME_CHARACTERS.test(name)) problems.add(field, 'invalidCharacters');
  problems.throwIfAny();
  return name;
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
