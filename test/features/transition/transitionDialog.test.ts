import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { TransitionWatchStore } from '../../../src/features/transition/transitionWatches.js';
import { TransitionDialog } from '../../../src/features/transition/transitionDialog.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import { TransitionService } from '../../../src/domain/services/transitionService.js';
import { cards } from '../../support/botHarness.js';
import { DialogDriver, textOfActivities } from '../../support/dialogDriver.js';
import { servicesOver } from '../../support/services.js';
import { CUSTOMERS, sandboxFixture, USERS, type SandboxFixture } from '../../partnerCenter/sandbox/sandboxFixture.js';

describe('TransitionDialog (botbuilder-testing)', function () {
  this.timeout(20_000);
  let fixture: SandboxFixture;
  let watches: TransitionWatchStore;

  async function start(customerQuery: string, user: string = USERS.adeleAdminAgent, locale = 'en-US') {
    const clock = fixedClock('2026-11-26T12:00:00.000Z');
    fixture = await sandboxFixture({ clock });
    const services = servicesOver(fixture.sandbox, clock);
    watches = new TransitionWatchStore(new MemoryStorage());
    const dialog = new TransitionDialog(
      new TransitionService(services),
      new CustomerDirectory(services.partnerCenter),
      watches,
      cards,
      clock,
    );
    const driver = new DialogDriver(dialog, await fixture.actor(user), { customerQuery }, locale);
    const first = await driver.send('transition');
    return { driver, first };
  }

  afterEach(async () => fixture?.dispose());

  it('explains what moves and what does not, then starts once and shows progress in place', async () => {
    const { driver, first } = await start('woodgrove');
    const text = textOfActivities(first);
    expect(text).to.contain('Transition Woodgrove Bank to the Azure plan');
    expect(text).to.contain('Only billing moves');
    expect(text).to.contain('No downtime');
    expect(text).to.contain('It cannot be undone');
    expect(text).to.contain("in the customer's local currency, and in the Azure portal");
    expect(text).to.contain('2 Azure plans will be bought automatically');
    const confirm = driver.lastCard();
    await driver.send(driver.actionData(confirm.content, 'Start transition'), confirm.id);
    const progress = driver.lastCard();
    expect(progress.id).to.equal(confirm.id);
    expect(JSON.stringify(progress.content)).to.match(/Transition of Woodgrove Bank to the Azure plan/);
    const upgrade = await fixture.sandbox.partnerCenter.getUpgradeEligibility(
      CUSTOMERS.woodgroveLegacyTwoResellers,
    );
    expect(upgrade.upgradeId).to.be.a('string');
    const watch = await watches.get(upgrade.upgradeId!);
    expect(watch?.cardActivityId).to.equal(confirm.id, 'progress will be reported to this card');
  });

  const refusals: Array<[string, string, RegExp]> = [
    [
      'a suspended subscription (900105)',
      'litware',
      /suspended subscriptions cannot be transitioned[\s\S]*Litware Archive[\s\S]*reactivate or cancel/,
    ],
    [
      'a purchase within the window (900130)',
      'adatum',
      /bought recently[\s\S]*Try the transition again from/,
    ],
    [
      'Azure Partner Shared Services (900119)',
      'tailspin',
      /Azure Partner Shared Services subscriptions cannot be transitioned/,
    ],
    ['no legacy subscriptions (900108)', 'contosopharma', /no legacy Azure subscriptions to transition/],
  ];
  for (const [what, query, message] of refusals) {
    it(`refuses ${what} in plain words with what to do`, async () => {
      const { driver, first } = await start(query);
      expect(textOfActivities(first)).to.match(message);
      expect(driver.status).to.equal('complete');
    });
  }

  it('cancel starts nothing', async () => {
    const { driver } = await start('woodgrove');
    const confirm = driver.lastCard();
    await driver.send(driver.actionData(confirm.content, 'Cancel'), confirm.id);
    expect(JSON.stringify(driver.lastCard().content)).to.contain('Transition cancelled');
    expect(
      (await fixture.sandbox.partnerCenter.getUpgradeEligibility(CUSTOMERS.woodgroveLegacyTwoResellers))
        .upgradeId,
    ).to.equal(undefined);
  });

  it('speaks Korean', async () => {
    const { first } = await start('woodgrove', USERS.adeleAdminAgent, 'ko-KR');
    expect(textOfActivities(first)).to.contain('Azure 플랜으로 전환');
  });
});
