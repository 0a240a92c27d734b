import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config: attachment downloads (ATTACHMENT_MAX_BYTES, ATTACHMENT_TIMEOUT_MS)', () => {
  it('caps downloads at 100 MiB and 30 s unless set', () => {
    const config = loadConfig({});
    expect([config.ATTACHMENT_MAX_BYTES, config.ATTACHMENT_TIMEOUT_MS]).to.deep.equal([104_857_600, 30_000]);
  });

  it('takes a cap in bytes', () => {
    expect(loadConfig({ ATTACHMENT_MAX_BYTES: '5000000' }).ATTACHMENT_MAX_BYTES).to.equal(5_000_000);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ ATTACHMENT_MAX_BYTES: '5MB' }, /ATTACHMENT_MAX_BYTES: expected a whole number.*got "5MB"/],
    [{ ATTACHMENT_MAX_BYTES: '0' }, /ATTACHMENT_MAX_BYTES: expected a whole number above 0/],
    [{ ATTACHMENT_TIMEOUT_MS: '30s' }, /ATTACHMENT_TIMEOUT_MS: expected a whole number/],
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
    });
  }
});
