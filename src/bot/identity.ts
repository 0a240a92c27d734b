import type { Activity } from 'botbuilder';
import type { Actor, Partner, PartnerUser } from '../domain/identity/actor.js';

/** The part of the Partner Center port that knows the partner and its users. */
export interface PartnerDirectory {
  getPartner(): Promise<Partner>;
  findUser(tenantId: string, aadObjectId: string): Promise<PartnerUser | undefined>;
}

export type IdentityResult =
  { kind: 'ok'; actor: Actor } | { kind: 'noUserId' | 'otherTenant' | 'noUser'; partner: Partner };

/**
 * Maps the Teams sender (AAD object id + tenant) to a partner user with Partner Center roles.
 * Users of another tenant are refused; users of the partner tenant without a role are told so.
 */
export class IdentityResolver {
  constructor(private readonly directory: PartnerDirectory) {}

  async resolve(activity: Partial<Activity>): Promise<IdentityResult> {
    const partner = await this.directory.getPartner();
    const aadObjectId = activity.from?.aadObjectId;
    const tenantId = tenantOf(activity);
    if (!aadObjectId) return { kind: 'noUserId', partner };
    if (tenantId !== undefined && tenantId !== partner.tenantId) return { kind: 'otherTenant', partner };
    const user = await this.directory.findUser(tenantId ?? partner.tenantId, aadObjectId);
    if (!user || user.roles.length === 0) return { kind: 'noUser', partner };
    return { kind: 'ok', actor: { partner, user } };
  }
}

/** Teams puts the tenant in conversation.tenantId and channelData.tenant.id; either may be missing. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return activity.conversation?.tenantId ?? fromChannelData;
}
