import { expect } from 'chai';
import { AppError } from '../../../../src/domain/errors.ts';
import { accessFilter, buildFilter, buildMeiliQuery, quoteMeili } from '../../../../src/infra/search/meilisearch/meilisearch-filter.ts';
import { parseQuery } from '../../../../src/infra/search/query-parser.ts';

const staff = { userId: 'u1', allUnits: false, unitCodes: ['BKD', 'KEU'], maxSecurityRank: 1 };

describe('Meilisearch filters', () => {
  it('quotes and escapes every value', () => {
    expect(quoteMeili('BKD')).to.equal('"BKD"');
    expect(quoteMeili('a"b\\c')).to.equal('"a\\"b\\\\c"');
  });

  it('writes the access rule as a tenant filter', () => {
    expect(accessFilter(staff)).to.equal('((unitCode IN ["BKD", "KEU"] AND securityRank <= 1) OR readers = "u1")');
    expect(accessFilter({ ...staff, allUnits: true })).to.equal('(securityRank <= 1 OR readers = "u1")');
    expect(accessFilter({ ...staff, unitCodes: [] })).to.equal('(readers = "u1")');
    expect(accessFilter({ ...staff, maxSecurityRank: Number.NaN })).to.include('securityRank <= -1');
  });

  it('keeps an injected filter value inside its string', () => {
    const filter = buildFilter(staff, { unitCode: 'BKD" OR unitCode = "X', kind: 'incoming', from: '2025-01-01', to: '2025-12-31' });
    expect(filter).to.include('unitCode = "BKD\\" OR unitCode = \\"X"');
    expect(filter).to.include('kind = "incoming"');
    expect(filter).to.include('date >= 20250101 AND date <= 20251231');
  });

  it('rejects malformed dates as invalid input', () => {
    expect(() => buildFilter(staff, { from: '2025-01-01 OR 1=1' }))
      .to.throw(AppError)
      .with.property('code', 'invalid');
  });

  it('sends only folded words and phrases, the typed last word last', () => {
    expect(buildMeiliQuery(parseQuery('-Pegawai "rapat  dinas" koordi'))).to.equal('"rapat dinas" pegawai koordi');
    expect(buildMeiliQuery(parseQuery('pegawai rapat '))).to.equal('pegawai rapat ');
    expect(buildMeiliQuery(parseQuery('800/123/BKD/2025'))).to.equal('"800 123 bkd 2025"');
  });
});
