import type { Activity } from 'botbuilder';
import type { Actor, Partner, PartnerUser } from '../domain/identity/actor.js';

/** The part of the Partner Center port that knows the partner and its users. */
export interface PartnerDirectory {
  getPartner(): Promise<Partner>;
  findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined>;
}

export type IdentityResult =
  | { kind: 'ok'; actor: Actor }
  | { kind: 'noUserId' | 'noTenant' | 'tenantMismatch' | 'otherTenant' | 'noUser'; partner: Partner };

/**
 * Maps the Teams sender (AAD object id + tenant) to a partner user with Partner Center roles.
 * An activity without a tenant, or whose two tenant fields disagree, is refused; so are users of
 * another tenant. Users of the partner tenant without a role are told so.
 */
export class IdentityResolver {
  constructor(private readonly directory: PartnerDirectory) {}

  async resolve(activity: Partial<Activity>): Promise<IdentityResult> {
    const partner = await this.directory.getPartner();
    const aadObjectId = activity.from?.aadObjectId;
    const tenant = checkTenant(activity);
    if (!aadObjectId) return { kind: 'noUserId', partner };
    if (tenant.kind === 'missing') return { kind: 'noTenant', partner };
    if (tenant.kind === 'mismatch') return { kind: 'tenantMismatch', partner };
    if (tenant.tenantId !== partner.tenantId) return { kind: 'otherTenant', partner };
    const user = await this.directory.findUser(tenant.tenantId, aadObjectId);
    if (!user || user.roles.length === 0) return { kind: 'noUser', partner };
    return { kind: 'ok', actor: { partner, user } };
  }
}

export type TenantCheck =
  | { kind: 'ok'; tenantId: string }
  | { kind: 'missing' }
  | { kind: 'mismatch'; conversationTenantId: string; channelDataTenantId: string };

/**
 * The tenant an activity comes from. Teams puts it in `conversation.tenantId` and in
 * `channelData.tenant.id`; one of them is enough, but when both are there they must agree (a
 * mismatch means a forged or broken activity), and an activity with neither has no tenant at all.
 */
export function checkTenant(activity: Partial<Activity>): TenantCheck {
  const fromConversation = nonEmpty(activity.conversation?.tenantId);
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = nonEmpty(channelData?.tenant?.id);
  if (fromConversation === undefined && fromChannelData === undefined) return { kind: 'missing' };
  if (
    fromConversation !== undefined &&
    fromChannelData !== undefined &&
    fromConversation.toLowerCase() !== fromChannelData.toLowerCase()
  ) {
    return { kind: 'mismatch', conversationTenantId: fromConversation, channelDataTenantId: fromChannelData };
  }
  return { kind: 'ok', tenantId: (fromConversation ?? fromChannelData) as string };
}

/** The activity's tenant when it has one that is consistent, else undefined. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const tenant = checkTenant(activity);
  return tenant.kind === 'ok' ? tenant.tenantId : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
