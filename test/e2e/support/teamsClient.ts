import type { Activity } from 'botbuilder';

export const PARTNER_TENANT = '00000000-0000-0000-0000-0000000000001';
export const ALEX = '00000000-0000-0000-0000-0000000000020';
export const MEGAN = '00000000-0000-0000-0000-0000000000021';
export const ADELE = '00000000-0000-0000-0000-0000000000022';

export interface SendOptions {
  user?: string;
  locale?: string;
  tenantId?: string;
  conversationId?: string;
  value?: Record<string, unknown>;
  extra?: Partial<Activity>;
}

/** Posts activities to the bot's real HTTP endpoint the way Teams does. */
export class TeamsClient {
  private counter = 0;

  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
  ) {}

  activity(text: string, options: SendOptions = {}): Partial<Activity> {
    this.counter += 1;
    const user = options.user ?? ALEX;
    const conversationId = options.conversationId ?? 'conv-1';
    return {
      type: 'message',
      id: `in-${this.counter}-${Date.now()}`,
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      locale: options.locale ?? 'en-US',
      timestamp: new Date(),
      from: { id: `29:${user}`, name: 'Partner user', aadObjectId: user },
      recipient: { id: '28:bot-id', name: 'Azure plan assistant' },
      conversation: {
        id: conversationId,
        tenantId: options.tenantId ?? PARTNER_TENANT,
        conversationType: 'personal',
        isGroup: false,
        name: '',
      },
      channelData: { tenant: { id: options.tenantId ?? PARTNER_TENANT } },
      text,
      ...(options.value ? { value: options.value } : {}),
      ...options.extra,
    };
  }

  async post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async say(text: string, options: SendOptions = {}): Promise<Response> {
    return this.post(this.activity(text, options));
  }
}
