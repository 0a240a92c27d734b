import { expect } from 'chai';
import { fixedClock, startingClock } from '../../../src/domain/clock.js';

describe('domain clock', () => {
  it('a fixed clock always says the same instant', () => {
    const clock = fixedClock('2027-02-10T10:00:00Z');
    expect(clock.now().toISOString()).to.equal('2027-02-10T10:00:00.000Z');
    expect(clock.now().toISOString()).to.equal('2027-02-10T10:00:00.000Z');
  });

  it('a starting clock begins at the chosen instant and then runs at real speed', () => {
    let real = 1_000_000;
    const clock = startingClock('2028-02-29T23:59:59Z', () => real);
    expect(clock.now().toISOString()).to.equal('2028-02-29T23:59:59.000Z');
    real += 2_000;
    expect(clock.now().toISOString()).to.equal('2028-03-01T00:00:01.000Z');
  });
});
