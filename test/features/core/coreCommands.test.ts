import { expect } from 'chai';
import { BotHarness, textOf } from '../../support/botHarness.js';
import { FakeDirectory, PARTNER, user } from '../../support/fakeDirectory.js';

const ALEX = user('aad-alex', 'Alex Wilber', ['GlobalAdmin']);
const MEGAN = user('aad-megan', 'Megan Bowen', ['SalesAgent']);
const NOROLE = user('aad-norole', 'Nobody', []);
const directory = new FakeDirectory([ALEX, MEGAN, NOROLE]);

describe('Bot shell: help, whoami, unknown text, identity', () => {
  it('help lists what a Global admin may do, in English', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: ALEX.aadObjectId }, 'help');
    const text = textOf(reply);
    expect(text).to.contain('What you can do, Alex Wilber');
    expect(text).to.contain('customers');
    expect(text).to.contain('Global admin');
  });

  it('help answers in Korean for a ko-KR user typing 도움말', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: ALEX.aadObjectId, locale: 'ko-KR' }, '도움말');
    const text = textOf(reply);
    expect(text).to.contain('Alex Wilber님이 할 수 있는 일');
    expect(text).to.contain('전역 관리자');
  });

  it('whoami shows roles and what the user may and may not do', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: MEGAN.aadObjectId }, 'whoami');
    const text = textOf(reply);
    expect(text).to.contain('Sales agent');
    expect(text).to.contain(PARTNER.name);
    expect(text).to.contain('✓ view customers');
    expect(text).to.contain('✗ ask billing and invoice questions');
  });

  it('unknown text gets the closest commands as buttons', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: ALEX.aadObjectId }, 'hepl');
    const text = textOf(reply);
    expect(text).to.contain("I didn't understand");
    expect(text).to.contain('help');
  });

  it('a suggestion button runs the command', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say(
      { aadObjectId: ALEX.aadObjectId },
      { verb: 'command.run', command: 'whoami' },
    );
    expect(textOf(reply)).to.contain('Who you are');
  });

  it('a user of another tenant is refused', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: ALEX.aadObjectId, tenantId: 'another-tenant' }, 'help');
    expect(reply.text).to.contain('another organization');
  });

  it('a user of the partner tenant without a role is told whom to ask', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: NOROLE.aadObjectId }, 'help');
    expect(reply.text).to.contain('no Partner Center role');
    expect(reply.text).to.contain('Global admin');
  });

  it('a card submitted by another user is refused', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say(
      { aadObjectId: MEGAN.aadObjectId },
      { verb: 'command.run', command: 'help', userId: ALEX.aadObjectId },
    );
    expect(reply.text).to.contain('started by someone else');
  });

  it('an @mention in a channel is removed before routing', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: ALEX.aadObjectId }, '<at>Azure plan assistant</at> help', {
      entities: [
        {
          type: 'mention',
          text: '<at>Azure plan assistant</at>',
          mentioned: { id: '28:bot', name: 'Azure plan assistant' },
        },
      ],
      conversation: {
        id: 'channel-1',
        tenantId: PARTNER.tenantId,
        isGroup: true,
        conversationType: 'channel',
        name: 'General',
      },
    });
    expect(textOf(reply)).to.contain('What you can do');
  });
});

describe('Bot shell: an indirect reseller partner', () => {
  const RESELLER = { ...PARTNER, type: 'IndirectReseller' as const, name: 'Trey Research Solutions' };
  const SALES = { ...user('aad-sales', 'Pat Reseller', ['SalesAgent']) };
  const directory = new FakeDirectory([SALES], RESELLER);

  it('is told to ask its indirect provider to attest or transition, before any form', async () => {
    const bot = new BotHarness(directory);
    for (const command of ['attest fabrikam', 'transition woodgrove']) {
      const [reply] = await bot.say({ aadObjectId: SALES.aadObjectId }, command);
      expect(reply.text).to.contain('Indirect resellers cannot');
      expect(reply.text).to.contain('indirect provider');
    }
  });

  it('help does not offer what a reseller cannot do', async () => {
    const bot = new BotHarness(directory);
    const [reply] = await bot.say({ aadObjectId: SALES.aadObjectId }, 'help');
    const text = textOf(reply);
    expect(text).to.not.contain('attest [customer]');
    expect(text).to.not.contain('transition [customer]');
  });
});

describe('Bot shell: language follows what the user types', () => {
  it('after a Korean message, a card button answers in Korean even from an en-US client', async () => {
    const bot = new BotHarness(new FakeDirectory([user('aad-alex', 'Alex Wilber', ['GlobalAdmin'])]));
    const [korean] = await bot.say({ aadObjectId: 'aad-alex' }, '도움말');
    expect(textOf(korean)).to.contain('할 수 있는 일');
    const [button] = await bot.say({ aadObjectId: 'aad-alex' }, { verb: 'command.run', command: 'whoami' });
    expect(textOf(button)).to.contain('내 정보');
    const [english] = await bot.say({ aadObjectId: 'aad-alex' }, 'whoami');
    expect(textOf(english)).to.contain('Who you are');
  });
});
