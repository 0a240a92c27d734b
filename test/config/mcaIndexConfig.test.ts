import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config: the MCA state index (MCA_INDEX_TTL_MINUTES, MCA_INDEX_CONCURRENCY)', () => {
  it('rebuilds after 15 minutes and reads 4 customers at once unless set', () => {
    const config = loadConfig({});
    expect([config.MCA_INDEX_TTL_MINUTES, config.MCA_INDEX_CONCURRENCY]).to.deep.equal([15, 4]);
  });

  it('takes other values', () => {
    const config = loadConfig({ MCA_INDEX_TTL_MINUTES: '60', MCA_INDEX_CONCURRENCY: '2' });
    expect([config.MCA_INDEX_TTL_MINUTES, config.MCA_INDEX_CONCURRENCY]).to.deep.equal([60, 2]);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ MCA_INDEX_TTL_MINUTES: '15m' }, /MCA_INDEX_TTL_MINUTES: expected a whole number/],
    [{ MCA_INDEX_TTL_MINUTES: '0' }, /MCA_INDEX_TTL_MINUTES: expected a whole number of minutes above 0/],
    [{ MCA_INDEX_CONCURRENCY: '0' }, /MCA_INDEX_CONCURRENCY: expected a whole number from 1 to 32/],
    [{ MCA_INDEX_CONCURRENCY: '100' }, /MCA_INDEX_CONCURRENCY: expected a whole number from 1 to 32/],
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
    });
  }
});
