import { expect } from 'chai';
import {
  REFUSALS_RECORDED,
  REFUSAL_WINDOW_MS,
  readRefusalReason,
  refusalIsAudited,
  refusalVerdict,
  refusalWindowOf,
} from '../../../src/domain/access-refusal.ts';

describe('access refusal rules', () => {
  const scope = { userId: 'u', allUnits: false, unitCodes: ['A', 'A.1'], maxSecurityRank: 1 };

  it('names why a read was refused by the same rule as canRead', () => {
    expect(readRefusalReason(scope, { unitCode: 'B', securityLevel: 'terbatas' })).to.equal('unit');
    expect(readRefusalReason(scope, { unitCode: 'A.1', securityLevel: 'rahasia' })).to.equal('clearance');
    expect(readRefusalReason(scope, { unitCode: 'B', securityLevel: 'sangat_rahasia' })).to.equal('unit_and_clearance');
    expect(readRefusalReason({ ...scope, allUnits: true }, { unitCode: 'B', securityLevel: 'rahasia' })).to.equal('clearance');
  });

  it('audits only documents above biasa', () => {
    expect(['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'].map((l) => refusalIsAudited(l as never))).to.deep.equal([false, true, true, true]);
  });

  it('records up to the limit, says so once, then only counts; windows are aligned alike in every process', () => {
    expect([1, REFUSALS_RECORDED, REFUSALS_RECORDED + 1, REFUSALS_RECORDED + 2, 1000].map(refusalVerdict)).to.deep.equal([
      'record',
      'record',
      'limit_reached',
      'count_only',
      'count_only',
    ]);
    const start = refusalWindowOf(new Date(REFUSAL_WINDOW_MS * 7 + 12_345));
    expect(start.getTime()).to.equal(REFUSAL_WINDOW_MS * 7);
    expect(refusalWindowOf(new Date(REFUSAL_WINDOW_MS * 8 - 1))).to.deep.equal(start);
  });
});
