import { expect } from 'chai';
import { customerDetailCardData } from '../../../src/features/shared/customerPresenter.js';
import { subscriptionsCardData } from '../../../src/features/subscriptions/subscriptionPresenter.js';
import { CustomerDirectory } from '../../../src/domain/services/customerDirectory.js';
import { SubscriptionService } from '../../../src/domain/services/subscriptionService.js';
import { Translator } from '../../../src/i18n/translator.js';
import { CUSTOMERS, USERS, sandboxFixture, type SandboxFixture } from '../../partnerCenter/sandbox/sandboxFixture.js';
import { servicesOver } from '../../domain/services/serviceFixture.js';

/** Issue point 14: the reseller of record is shown by name with its id, not as a bare MPN id. */
describe('reseller of record shown by name with its id', () => {
  let fixture: SandboxFixture;
  beforeEach(async () => {
    fixture = await sandboxFixture();
  });
  afterEach(async () => fixture.dispose());

  for (const locale of ['en-US', 'ko-KR'] as const) {
    it(`${locale}: customer card of Contoso Pharmaceuticals names Trey Research Solutions (4412873)`, async () => {
      const t = new Translator(locale);
      const actor = await fixture.actor(USERS.meganSalesAgent);
      const summary = await new CustomerDirectory(fixture.sandbox.partnerCenter).summarize(
        actor,
        CUSTOMERS.contosoWithPlan,
      );
      const card = customerDetailCardData(t, actor, summary);
      const reseller = card.facts.find((f) => f.title === t.t('customers.field.reseller'));
      expect(reseller?.value).to.equal('Trey Research Solutions (4412873)');
    });
  }

  it("the subscriptions card names each plan's reseller", async () => {
    const t = new Translator('en-US');
    const actor = await fixture.actor(USERS.meganSalesAgent);
    const state = await new SubscriptionService(servicesOver(fixture.sandbox)).list(
      actor,
      CUSTOMERS.contosoWithPlan,
    );
    const card = subscriptionsCardData(t, actor, state);
    expect(JSON.stringify(card)).to.contain('reseller Trey Research Solutions (4412873)');
  });
});
