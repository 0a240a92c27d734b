import type { PartnerRole, PartnerType } from './roles.js';

/**
 * Everything a partner user can ask the bot to do. Each operation maps to the Partner Center roles
 * documented on the matching Partner Center page (azure-plan.md §1 "Appropriate roles").
 */
export const OPERATIONS = [
  'customers.view',
  'agreements.view',
  'agreements.attest',
  'plan.purchase',
  'subscriptions.view',
  'subscriptions.manage',
  'transition.run',
  'transition.view',
  'prices.view',
  'pec.view',
  'billing.view',
  'offers.compare',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** azure-plan-transition.md "Appropriate roles" (also the price-list page's roles). */
const TRANSITION_ROLES: readonly PartnerRole[] = [
  'AdminAgent',
  'BillingAdmin',
  'GlobalAdmin',
  'HelpdeskAgent',
  'SalesAgent',
  'UserManagementAdmin',
];

/** Roles allowed per operation, with the page each row comes from. Data, not code paths. */
export const PERMISSION_MATRIX: Readonly<Record<Operation, readonly PartnerRole[]>> = {
  // Customer management: Global admin, Admin agent, Sales agent, Helpdesk agent (find/edit customers).
  'customers.view': ['GlobalAdmin', 'AdminAgent', 'SalesAgent', 'HelpdeskAgent'],
  // confirm-customer-agreement.md: view acceptance — Admin agent, Sales agent; Global admin sees agreements.
  'agreements.view': ['GlobalAdmin', 'AdminAgent', 'SalesAgent'],
  // confirm-customer-agreement.md: "you must be Admin agent or Sales agent" (rule 7).
  'agreements.attest': ['AdminAgent', 'SalesAgent'],
  // purchase-azure-plan.md: Global admin, User management admin, Sales agent; Admin agent inferred (rule 14).
  'plan.purchase': ['GlobalAdmin', 'UserManagementAdmin', 'SalesAgent', 'AdminAgent'],
  // azure-plan-manage.md lists Admin agent; Global admin / Sales agent may view subscriptions.
  'subscriptions.view': ['GlobalAdmin', 'AdminAgent', 'SalesAgent', 'HelpdeskAgent'],
  // ARM createSubscription requires Global admin or Admin agent (azure-plan.md §1 API rules).
  'subscriptions.manage': ['GlobalAdmin', 'AdminAgent'],
  // azure-plan-transition.md (viewing the status needs the same roles as running it).
  'transition.run': TRANSITION_ROLES,
  'transition.view': TRANSITION_ROLES,
  // azure-plan-price-list.md.
  'prices.view': [
    'AdminAgent',
    'BillingAdmin',
    'GlobalAdmin',
    'HelpdeskAgent',
    'SalesAgent',
    'UserManagementAdmin',
  ],
  // partner-earned-credit*.md.
  'pec.view': ['GlobalAdmin', 'UserManagementAdmin', 'AdminAgent', 'BillingAdmin', 'SalesAgent'],
  // azure-plan-billing.md.
  'billing.view': ['AdminAgent', 'BillingAdmin', 'GlobalAdmin'],
  // compare-azure-offers.md.
  'offers.compare': ['AdminAgent', 'BillingAdmin', 'GlobalAdmin', 'HelpdeskAgent', 'SalesAgent'],
};

/**
 * Operations that act on one customer. Finding that customer (by name, domain or id) is part of
 * the operation itself, so a flow needs only its own operation's roles, never 'customers.view' too.
 */
export const CUSTOMER_OPERATIONS = [
  'customers.view',
  'agreements.view',
  'agreements.attest',
  'plan.purchase',
  'subscriptions.view',
  'subscriptions.manage',
  'transition.run',
  'transition.view',
] as const satisfies readonly Operation[];
export type CustomerOperation = (typeof CUSTOMER_OPERATIONS)[number];

/** Operations an indirect reseller cannot perform itself (it must go through its indirect provider). */
export const PROVIDER_ONLY_OPERATIONS: readonly Operation[] = ['agreements.attest', 'transition.run'];

export function rolesAllow(roles: readonly PartnerRole[], operation: Operation): boolean {
  const allowed = PERMISSION_MATRIX[operation];
  return roles.some((role) => allowed.includes(role));
}

export function partnerTypeAllows(type: PartnerType, operation: Operation): boolean {
  return !(type === 'IndirectReseller' && PROVIDER_ONLY_OPERATIONS.includes(operation));
}
