import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config: every setting validated at start', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).to.equal(3978);
    expect(config.PARTNER_CENTER_URL).to.equal(undefined);
    expect(config.STORAGE).to.equal('file');
    expect(config.authEnabled).to.equal(false);
    expect(config.DATA_DIR).to.match(/data$/);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a port that is not a number', { PORT: 'eighty' }, /PORT: expected a TCP port number.*got "eighty"/],
    ['a port out of range', { PORT: '70000' }, /PORT: expected a TCP port number/],
    [
      'an app id that is no GUID',
      { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x' },
      /MicrosoftAppId: expected a GUID/,
    ],
    [
      'an app id without password',
      { MicrosoftAppId: '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10' },
      /MicrosoftAppPassword: expected required when MicrosoftAppId is set/,
    ],
    [
      'SingleTenant without tenant',
      {
        MicrosoftAppId: '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10',
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'SingleTenant',
      },
      /MicrosoftAppTenantId/,
    ],
    [
      'a missing seed file',
      { SANDBOX_SEED_FILE: '/nope/seed.json' },
      /SANDBOX_SEED_FILE: expected a readable seed JSON file/,
    ],
    ['a bad log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: expected one of/],
    [
      'a clock start that is no date-time',
      { CLOCK_START_AT: '31/12/2026' },
      /CLOCK_START_AT: expected an ISO 8601/,
    ],
    [
      'a pace that is not a whole number',
      { TRANSITION_STEP_MS: '1.5s' },
      /TRANSITION_STEP_MS: expected a whole number/,
    ],
  ];
  for (const [what, env, message] of bad) {
    it(`stops with a message naming the variable for ${what}`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
    });
  }

  it('never echoes a secret in the error', () => {
    try {
      loadConfig({ MicrosoftAppId: 'bad', MicrosoftAppPassword: 'hunter2-secret' });
      expect.fail('should throw');
    } catch (error) {
      expect((error as Error).message).to.not.contain('hunter2');
    }
  });

  it('turns JWT auth on when app credentials are set', () => {
    const config = loadConfig({
      MicrosoftAppId: '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10',
      MicrosoftAppPassword: 'x',
    });
    expect(config.authEnabled).to.equal(true);
  });
});
