import { expect } from 'chai';
import { parseSeed, readSeedFile } from '../../../src/partnerCenter/sandbox/seedLoader.js';
import { generateSeed } from '../../../src/partnerCenter/sandbox/seedGenerator.js';
import { notSoldIn } from '../../../src/domain/markets/notSold.js';

describe('seed generator (npm run seed:generate)', () => {
  it('writes a valid 10,000-customer seed with every state, deterministic per --seed', async () => {
    const base = await readSeedFile('seed/sandbox-seed.json');
    const seed = parseSeed(JSON.parse(JSON.stringify(generateSeed(base, 10_000, 7))));
    expect(seed.customers).to.have.length(10_000);
    const has = (test: (c: (typeof seed.customers)[number]) => boolean) => seed.customers.filter(test).length;
    expect(
      has((c) => c.attestations.length === 0 && !c.directlySigned),
      'no MCA',
    ).to.be.above(100);
    expect(
      has((c) => c.attestations.length > 0),
      'MCA via partner',
    ).to.be.above(100);
    expect(
      has((c) => c.directlySigned),
      'signed directly',
    ).to.be.above(100);
    expect(
      has((c) => c.legacySubscriptions.length > 0),
      'legacy 0145P',
    ).to.be.above(100);
    expect(
      has((c) => c.azurePlans.some((p) => p.status === 'suspended')),
      'plan suspended',
    ).to.be.above(0);
    expect(
      has((c) => notSoldIn(c.country) !== undefined),
      'not-sold country',
    ).to.be.above(0);
    expect(
      has((c) => /[가-힣]/.test(c.companyName)),
      'Korean names',
    ).to.be.above(100);
    expect(Math.max(...seed.customers.map((c) => c.companyName.length)), 'longest name').to.be.at.least(250);
    expect(JSON.stringify(generateSeed(base, 50, 7))).to.equal(JSON.stringify(generateSeed(base, 50, 7)));
    expect(JSON.stringify(generateSeed(base, 50, 7))).not.to.equal(JSON.stringify(generateSeed(base, 50, 8)));
  });
});
