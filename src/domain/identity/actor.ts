import { DomainError } from '../errors.js';
import { partnerTypeAllows, rolesAllow, OPERATIONS, type Operation } from './permissions.js';
import type { PartnerRole, PartnerType } from './roles.js';

export interface Partner {
  tenantId: string;
  mpnId: string;
  name: string;
  type: PartnerType;
  /** ISO country of the partner's location: decides the billing currency since August 2021. */
  country: string;
}

export interface PartnerUser {
  /** AAD object id as Teams reports it. Opaque string (Playground ids are not well-formed GUIDs). */
  aadObjectId: string;
  tenantId: string;
  displayName: string;
  email?: string;
  roles: PartnerRole[];
}

/** The partner user on whose behalf the bot acts in this turn. */
export interface Actor {
  partner: Partner;
  user: PartnerUser;
}

export function can(actor: Actor, operation: Operation): boolean {
  return rolesAllow(actor.user.roles, operation) && partnerTypeAllows(actor.partner.type, operation);
}

/** Every operation this actor may perform, in declaration order (drives help and whoami). */
export function allowedOperations(actor: Actor): Operation[] {
  return OPERATIONS.filter((operation) => can(actor, operation));
}

/**
 * Throws the domain refusal for an operation the actor may not perform. A reseller gets
 * `reseller_not_allowed` (ask the indirect provider), anyone else `forbidden` with the roles needed.
 */
export function assertCan(actor: Actor, operation: Operation): void {
  if (!partnerTypeAllows(actor.partner.type, operation)) {
    throw new DomainError('reseller_not_allowed', { operation, partner: actor.partner.name });
  }
  if (!rolesAllow(actor.user.roles, operation)) {
    throw new DomainError('forbidden', {
      operation,
      yourRoles: actor.user.roles,
      partner: actor.partner.name,
    });
  }
}
