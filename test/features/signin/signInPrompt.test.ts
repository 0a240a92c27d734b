import { expect } from 'chai';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import { Replier } from '../../../src/bot/replier.js';
import { CardRenderer, defaultCardDirectories } from '../../../src/cards/cardRenderer.js';
import { DomainError } from '../../../src/domain/errors.js';
import { signInFeature } from '../../../src/features/signin/signInFeature.js';
import { Translator } from '../../../src/i18n/translator.js';
import { createLogger } from '../../../src/logging.js';

const cards = new CardRenderer(defaultCardDirectories());
const logger = createLogger('silent');

/** A token service client that only hands out the sign-in resource. */
const tokenClient = async () =>
  ({
    getSignInResource: async () => ({
      signInLink: 'https://token.example.test/signin?state=abc',
      tokenExchangeResource: { id: 'x1', uri: 'api://bot.example.test/botid-1', providerId: 'aad' },
    }),
  }) as unknown as UserTokenClient;

/** What the user sees when a handler's Partner Center call throws `error`, through the host's Replier. */
async function replyTo(error: unknown, locale: 'en-US' | 'ko-KR', mode: 'entra' | 'local' = 'entra') {
  const feature = signInFeature({
    mode,
    connectionName: 'pc',
    forgetUser: () => undefined,
    logger,
    tokenClient,
  });
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const t = new Translator(locale);
    const reply = new Replier(context, cards, t, logger, () => feature.signIn!.prompt(context, t));
    await reply.error(error);
  });
  adapter.onTurnError = async (_context, e) => {
    throw e;
  };
  await adapter.send('anything').assertReply((activity) => void sent.push(activity));
  return sent[0]!;
}

describe('signin: what the user sees when Partner Center needs their sign-in or MFA', () => {
  const generic = (t: Translator) => t.t('core.error.generic', { correlationId: '' }).slice(0, 20);

  for (const locale of ['en-US', 'ko-KR'] as const) {
    const t = new Translator(locale);
    it(`sign_in_required → the sign-in card with a plain explanation, never the generic error (${locale})`, async () => {
      const reply = await replyTo(new DomainError('sign_in_required'), locale);
      expect(reply.text).to.equal(t.t('signin.required'));
      expect(reply.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.oauth');
      expect(reply.text).not.to.include(generic(t));
    });

    it(`mfa_required → the plain MFA message naming 1 April 2026 and what to do (${locale})`, async () => {
      const reply = await replyTo(new DomainError('mfa_required'), locale);
      expect(reply.text).to.equal(t.t('error.mfa_required'));
      expect(reply.text).to.include(locale === 'en-US' ? '1 April 2026' : '2026년 4월 1일');
      expect(reply.attachments ?? []).to.have.length(0);
    });

    it(`app_credentials_missing → says what the admin must set, or that they were rejected (${locale})`, async () => {
      const missing = await replyTo(new DomainError('app_credentials_missing'), locale);
      expect(missing.text).to.include('ENTRA_CLIENT_SECRET');
      const rejected = await replyTo(
        new DomainError('app_credentials_missing', { reason: 'rejected' }),
        locale,
      );
      expect(rejected.text).to.equal(t.t('error.app_credentials_missing', { reason: 'rejected' }));
      expect(rejected.text).not.to.include(generic(t));
    });
  }

  it('when the token service cannot be reached, the plain sign-in sentence instead of the generic error', async () => {
    const t = new Translator('en-US');
    const feature = signInFeature({
      mode: 'entra',
      connectionName: 'pc',
      forgetUser: () => undefined,
      logger,
      tokenClient: async () => {
        throw new Error('token service down');
      },
    });
    const sent: Partial<Activity>[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await new Replier(context, cards, t, logger, () => feature.signIn!.prompt(context, t)).error(
        new DomainError('sign_in_required'),
      );
    });
    await adapter.send('x').assertReply((activity) => void sent.push(activity));
    expect(sent[0]!.text).to.equal(t.t('error.sign_in_required'));
  });

  it('with the local emulator a sign-in prompt only says no sign-in is needed', async () => {
    const reply = await replyTo(new DomainError('sign_in_required'), 'en-US', 'local');
    expect(reply.text).to.equal(new Translator('en-US').t('signin.local'));
  });
});
