import { expect } from 'chai';
import { buildMatch, mergeExpansions, quoteFts } from '../../../../src/infra/search/fts5/fts5-match.ts';
import { parseQuery } from '../../../../src/infra/search/query-parser.ts';

describe('FTS5 MATCH expressions', () => {
  it('quotes every token, doubling inner quotes', () => {
    expect(quoteFts('pegawai')).to.equal('"pegawai"');
    expect(quoteFts('a"b')).to.equal('"a""b"');
  });

  it('joins words with AND, alternatives with OR, and phrases as strings', () => {
    const parsed = parseQuery('"realisasi anggaran" pegawai undang');
    const match = buildMatch(
      parsed,
      new Map([
        ['pegawai', ['pegawi']],
        ['undang', ['undangan']],
      ]),
    );
    expect(match).to.equal('("pegawai" OR "pegawi") AND ("undang" OR "undangan") AND "realisasi anggaran"');
  });

  it('writes a typed prefix as an FTS5 prefix', () => {
    expect(buildMatch(parseQuery('undang* '))).to.equal('"undang"*');
  });

  it('leaves no operator a user typed alive', () => {
    const match = buildMatch(parseQuery('a OR b NOT c NEAR(d e) f:g ^h'));
    const outside = match.replace(/"[^"]*"/g, '');
    expect(outside).to.match(/^(\s*AND\s*)+$/);
    expect(match).to.include('"near" AND "d"'); // NEAR( glued to a word is just a word
  });

  it('merges alternative lists without repeats, completions first', () => {
    const merged = mergeExpansions(new Map([['lapor', ['laporan']]]), new Map([['lapor', ['laporan', 'lapar']]]));
    expect(merged.get('lapor')).to.deep.equal(['laporan', 'lapar']);
  });
});
