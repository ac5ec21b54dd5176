import { expect } from 'chai';
import { PREFIX_CHARS, allowedTypos, deletions, pickCandidates, termDepth, typoDistance } from '../../../../src/infra/search/fts5/typo-candidates.ts';
import { createRandom } from '../../../../scripts/fixtures/letter-text.ts';

/**
 * Edit distance with adjacent transpositions (optimal string alignment), written plainly and
 * apart from the code under test so the property below is not filtered by what it checks.
 */
const osaDistance = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
};

describe('typo candidates', () => {
  it('allows typos like Meilisearch: none under 5 letters, one from 5, two from 9', () => {
    expect([4, 5, 8, 9, 12].map((n) => allowedTypos('x'.repeat(n)))).to.deep.equal([0, 1, 1, 2, 2]);
  });

  it('measures distance as a plain edit-distance table does, up to its limit', () => {
    const r = createRandom(5);
    for (let k = 0; k < 500; k++) {
      const a = Array.from({ length: r.int(1, 10) }, () => r.pick([...'abcde'])).join('');
      const b = Array.from({ length: r.int(1, 10) }, () => r.pick([...'abcde'])).join('');
      const want = osaDistance(a, b);
      const got = typoDistance(a, b, 2);
      // Past its limit it only promises a number above the limit.
      if (want <= 2) expect(got, `${a} ~ ${b}`).to.equal(want);
      else expect(got, `${a} ~ ${b}`).to.be.greaterThan(2);
    }
  });

  it('measures insert, delete, substitute and adjacent transpose as one edit each', () => {
    expect(typoDistance('pegawai', 'pegawai', 2)).to.equal(0);
    expect(typoDistance('pegawai', 'pegawia', 2)).to.equal(1); // transpose
    expect(typoDistance('pegawai', 'pegawaai', 2)).to.equal(1); // insert
    expect(typoDistance('pegawai', 'pgawai', 2)).to.equal(1); // delete
    expect(typoDistance('pegawai', 'pegowai', 2)).to.equal(1); // substitute
    expect(typoDistance('pegawai', 'pgeawia', 2)).to.equal(2);
    expect(typoDistance('pegawai', 'xxxxxxx', 1)).to.equal(2); // gives up past max
    expect(typoDistance('kaé', 'kae', 1)).to.equal(1);
  });

  it('builds deletion neighbourhoods over the prefix only', () => {
    expect(deletions('abc', 1).sort()).to.deep.equal(['ab', 'abc', 'ac', 'bc']);
    expect(deletions('koordinasi', 0)).to.deep.equal(['koordin']);
    expect(deletions('koordinasi', 2).every((d) => d.length >= PREFIX_CHARS - 2)).to.equal(true);
    expect(termDepth('rapat')).to.equal(1);
    expect(termDepth('pegawai')).to.equal(2);
    expect(termDepth('abc')).to.equal(0);
  });

  it('always finds a term within the allowed typos through shared deletions', () => {
    const r = createRandom(11);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let checked = 0;
    for (let k = 0; k < 2000; k++) {
      const term = Array.from({ length: r.int(4, 14) }, () => r.pick([...letters])).join('');
      let typed = term;
      for (let e = r.int(1, 2); e > 0; e--) {
        const i = r.int(0, typed.length - 1);
        const op = r.int(0, 3);
        if (op === 0) typed = typed.slice(0, i) + r.pick([...letters]) + typed.slice(i + 1);
        else if (op === 1) typed = typed.slice(0, i) + typed.slice(i + 1);
        else if (op === 2) typed = typed.slice(0, i) + r.pick([...letters]) + typed.slice(i);
        else if (i + 1 < typed.length) typed = typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2);
      }
      const max = allowedTypos(typed);
      if (max === 0 || osaDistance(typed, term) > max) continue;
      checked++;
      const mine = new Set(deletions(typed, max));
      const shared = deletions(term, termDepth(term)).some((d) => mine.has(d));
      expect(shared, `${typed} → ${term}`).to.equal(true);
    }
    // Most generated pairs are within reach; a filter that dropped them all would check nothing.
    expect(checked).to.be.greaterThan(1000);
  });

  it('picks the nearest candidates first, then the most frequent, never the word itself', () => {
    const picked = pickCandidates('dokumen', [
      { term: 'dokumen', df: 100 },
      { term: 'dokumem', df: 1 },
      { term: 'dokuman', df: 50 },
      { term: 'dkumen', df: 5 },
      { term: 'dokumentasi', df: 500 },
    ]);
    expect(picked).to.deep.equal([
      { term: 'dokuman', typos: 1 },
      { term: 'dkumen', typos: 1 },
      { term: 'dokumem', typos: 1 },
    ]);
    expect(pickCandidates('rapt', [{ term: 'rapat', df: 9 }])).to.deep.equal([]);
  });
});
