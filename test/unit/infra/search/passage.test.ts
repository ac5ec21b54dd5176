import { expect } from 'chai';
import { cutPassage, markTermsOf } from '../../../../src/infra/search/fts5/passage.ts';
import { parseQuery } from '../../../../src/infra/search/query-parser.ts';
import { MARK_CLOSE as C, MARK_OPEN as O } from '../../../../src/infra/search/text-fold.ts';

const marks = (q: string, expansions: [string, string[]][] = []) => markTermsOf(parseQuery(q), new Map(expansions));

describe('cutPassage', () => {
  it('marks folded matches in the original text', () => {
    expect(cutPassage('Menu CAFÉ dan kopi', marks('cafe '))).to.equal(`Menu ${O}CAFÉ${C} dan kopi`);
  });

  it('marks typo candidates and completions the query expanded to', () => {
    const text = 'Para pegawai menghadiri rapat';
    expect(
      cutPassage(
        text,
        marks('pegawia menghad', [
          ['pegawia', ['pegawai']],
          ['menghad', ['menghadiri']],
        ]),
      ),
    ).to.equal(`Para ${O}pegawai${C} ${O}menghadiri${C} rapat`);
  });

  it('marks a typed prefix and a phrase as one span', () => {
    expect(cutPassage('Nomor 800/123/BKD/2025 tanggal', marks('800/123/BKD/2025'))).to.equal(`Nomor ${O}800/123/BKD/2025${C} tanggal`);
    expect(cutPassage('undangan rapat', marks('undang* '))).to.equal(`${O}undangan${C} rapat`);
    expect(cutPassage('realisasi fisik anggaran', marks('"realisasi anggaran"'))).to.equal(null);
  });

  it('cuts a window around the densest matches, with ellipses', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[60] = 'sanitasi';
    const passage = cutPassage(words.join(' '), marks('sanitasi '), 10)!;
    expect(passage.startsWith('…')).to.equal(true);
    expect(passage.endsWith('…')).to.equal(true);
    expect(passage).to.include(`${O}sanitasi${C}`);
    expect(passage.split(' ').length).to.be.at.most(11);
  });

  it('returns null when nothing matches', () => {
    expect(cutPassage('tidak ada', marks('sanitasi '))).to.equal(null);
    expect(cutPassage('', marks('x '))).to.equal(null);
  });
});
