import { expect } from 'chai';
import { checkTenant } from '../../src/bot/identity.js';
import { Translator } from '../../src/i18n/translator.js';
import { BotHarness, textOf } from '../support/botHarness.js';
import { FakeDirectory, PARTNER, user } from '../support/fakeDirectory.js';

const OTHER_TENANT = '99999999-9999-9999-9999-999999999999';
const t = new Translator('en-US');

describe('Tenant checks (also where the HTTP server is not in front, e.g. proactive or test adapters)', () => {
  const alex = user('00000000-0000-0000-0000-0000000000020', 'Alex Wilber', ['GlobalAdmin']);
  const conversation = { id: 'conv-t', isGroup: false, conversationType: 'personal', name: '' };

  const cases = [
    {
      name: 'conversation.tenantId only',
      activity: { conversation: { ...conversation, tenantId: PARTNER.tenantId } },
      kind: 'ok',
    },
    {
      name: 'channelData.tenant.id only',
      activity: { conversation, channelData: { tenant: { id: PARTNER.tenantId } } },
      kind: 'ok',
    },
    {
      name: 'both, equal (GUID case ignored)',
      activity: {
        conversation: { ...conversation, tenantId: PARTNER.tenantId.toUpperCase() },
        channelData: { tenant: { id: PARTNER.tenantId } },
      },
      kind: 'ok',
    },
    { name: 'neither', activity: { conversation, channelData: {} }, kind: 'missing' },
    {
      name: 'empty strings',
      activity: { conversation: { ...conversation, tenantId: ' ' }, channelData: { tenant: { id: '' } } },
      kind: 'missing',
    },
    {
      name: 'both, disagreeing',
      activity: {
        conversation: { ...conversation, tenantId: PARTNER.tenantId },
        channelData: { tenant: { id: OTHER_TENANT } },
      },
      kind: 'mismatch',
    },
  ] as const;

  for (const testCase of cases) {
    it(`checkTenant: ${testCase.name} → ${testCase.kind}`, () => {
      expect(checkTenant(testCase.activity).kind).to.equal(testCase.kind);
    });
  }

  it('the bot refuses an activity without a tenant and one whose tenant fields disagree', async () => {
    const harness = new BotHarness(new FakeDirectory([alex]));
    const refused = t.t('core.identity.noUserId');
    const noTenant = await harness.say({ aadObjectId: alex.aadObjectId }, 'customers', {
      conversation: conversation as never,
      channelData: {},
    });
    expect(noTenant.map(textOf)).to.deep.equal([refused]);
    const mismatch = await harness.say({ aadObjectId: alex.aadObjectId }, 'customers', {
      conversation: { ...conversation, tenantId: PARTNER.tenantId } as never,
      channelData: { tenant: { id: OTHER_TENANT } },
    });
    expect(mismatch.map(textOf)).to.deep.equal([refused]);
    const served = await harness.say({ aadObjectId: alex.aadObjectId }, 'whoami', {
      conversation: { ...conversation, tenantId: PARTNER.tenantId } as never,
      channelData: { tenant: { id: PARTNER.tenantId } },
    });
    expect(served.map(textOf).join('\n')).to.contain('Who you are');
  });
});
