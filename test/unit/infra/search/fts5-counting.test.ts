import { expect } from 'chai';
import { countKeys } from '../../../../src/infra/search/fts5/fts5-facets.ts';
import { forEachInt } from '../../../../src/infra/search/fts5/int-list.ts';
import { MAX_HITS, MAX_LIMIT, clampPaging } from '../../../../src/infra/search/paging.ts';

describe('embedded counting helpers', () => {
  it('counts facet keys in a group_concat string', () => {
    expect([...countKeys('3,17,3,,3')]).to.deep.equal([
      [3, 3],
      [17, 1],
    ]);
    expect(countKeys('').size).to.equal(0);
  });

  it('reads negative rowids', () => {
    const seen: number[] = [];
    forEachInt('-1,-20,300', (n) => seen.push(n));
    expect(seen).to.deep.equal([-1, -20, 300]);
  });

  it('clamps paging to what the engines accept', () => {
    expect(clampPaging(2, 20)).to.deep.equal({ limit: 20, offset: 20 });
    expect(clampPaging(-3, 0)).to.deep.equal({ limit: 1, offset: 0 });
    expect(clampPaging(Number.NaN, 'x')).to.deep.equal({ limit: 20, offset: 0 });
    expect(clampPaging(1, 1e9).limit).to.equal(MAX_LIMIT);
    expect(clampPaging(1e12, 10).offset).to.equal(null);
    expect(clampPaging(MAX_HITS / 10, 10).offset).to.equal(MAX_HITS - 10);
  });
});
