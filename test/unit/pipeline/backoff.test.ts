import { expect } from 'chai';
import { backoffMs } from '../../../src/pipeline/backoff.ts';

describe('pipeline/backoff', () => {
  it('doubles per attempt, with jitter between half and the whole step', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).to.equal(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).to.equal(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).to.equal(4000);
    expect(backoffMs(3, 1000, 60_000, () => 0.5)).to.equal(3000);
  });

  it('never passes the cap', () => {
    expect(backoffMs(40, 1000, 60_000, () => 1)).to.equal(60_000);
  });
});
