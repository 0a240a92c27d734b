/**
 * Partner Center roles and partner types (azure-plan.md §1). These are partner-tenant roles,
 * not Azure RBAC roles (those matter only for PEC, see src/domain/pec).
 */
export const PARTNER_ROLES = [
  'GlobalAdmin',
  'AdminAgent',
  'SalesAgent',
  'BillingAdmin',
  'HelpdeskAgent',
  'UserManagementAdmin',
] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PARTNER_TYPES = ['DirectBill', 'IndirectProvider', 'IndirectReseller'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export function isPartnerRole(value: unknown): value is PartnerRole {
  return typeof value === 'string' && (PARTNER_ROLES as readonly string[]).includes(value);
}
