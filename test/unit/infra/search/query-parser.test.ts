import { expect } from 'chai';
import { MAX_QUERY_CHARS, MAX_TERMS, isEmptyQuery, parseQuery } from '../../../../src/infra/search/query-parser.ts';

describe('parseQuery', () => {
  it('folds words and makes the last one a prefix, unless a space follows', () => {
    expect(parseQuery('Rapat KOORDI').words).to.deep.equal([
      { text: 'rapat', prefix: 'none' },
      { text: 'koordi', prefix: 'last' },
    ]);
    expect(parseQuery('rapat koordi ').words.at(-1)).to.deep.equal({ text: 'koordi', prefix: 'none' });
    expect(parseQuery('ab').words).to.deep.equal([{ text: 'ab', prefix: 'none' }]); // too short to expand
  });

  it('reads word* as a typed prefix anywhere', () => {
    expect(parseQuery('undang* rapat ').words[0]).to.deep.equal({ text: 'undang', prefix: 'typed' });
  });

  it('reads quoted phrases, and an unbalanced quote as plain words', () => {
    const p = parseQuery('"Realisasi  Anggaran" tahun');
    expect(p.phrases).to.deep.equal([['realisasi', 'anggaran']]);
    expect(p.words.map((w) => w.text)).to.deep.equal(['tahun']);
    const open = parseQuery('surat "realisasi anggaran');
    expect(open.phrases).to.deep.equal([]);
    expect(open.words.map((w) => w.text)).to.deep.equal(['surat', 'realisasi', 'anggaran']);
  });

  it('takes a letter number as one phrase, whatever joins its parts', () => {
    for (const q of ['800/123/BKD/2025', '800.123.bkd.2025', '800-123-BKD-2025', '(800/123/BKD/2025),']) {
      const p = parseQuery(q);
      expect(p.phrases, q).to.deep.equal([['800', '123', 'bkd', '2025']]);
      expect(p.letterKeys, q).to.deep.equal(['800 123 bkd 2025']);
    }
    expect(parseQuery('005/BKD/2025').letterKeys).to.deep.equal(['005 bkd 2025']);
    expect(parseQuery('e-mail').letterKeys).to.deep.equal([]); // no digit: two words
  });

  it('drops boolean operators and FTS syntax typed by users', () => {
    const p = parseQuery('pegawai AND NOT (rapat) OR NEAR title:x ^y *');
    expect(p.words.map((w) => w.text)).to.deep.equal(['pegawai', 'rapat', 'title', 'x', 'y']);
    expect(p.phrases).to.deep.equal([]);
  });

  it('bounds the work: characters, terms and token length', () => {
    expect(parseQuery('a'.repeat(MAX_QUERY_CHARS * 4)).words[0]!.text.length).to.be.at.most(64);
    const many = parseQuery(Array.from({ length: 100 }, (_, i) => `kata${i}`).join(' '));
    expect(many.words.length + many.phrases.length).to.equal(MAX_TERMS);
  });

  it('never throws and reports empty queries', () => {
    for (const q of ['', '   ', '"""', '***', '\u0000', undefined, null, 42, { q: 'x' }]) {
      expect(() => parseQuery(q)).not.to.throw();
    }
    expect(isEmptyQuery(parseQuery('  "" * '))).to.equal(true);
    expect(isEmptyQuery(parseQuery('x'))).to.equal(false);
  });

  it('removes repeated words, keeping the strongest prefix', () => {
    expect(parseQuery('dinas dinas').words).to.deep.equal([{ text: 'dinas', prefix: 'last' }]);
  });
});
