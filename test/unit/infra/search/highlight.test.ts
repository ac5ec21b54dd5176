import { expect } from 'chai';
import { escapeHtml, toHighlight } from '../../../../src/infra/search/highlight.ts';
import { MARK_CLOSE, MARK_OPEN, fold, letterKey, stripMarkers, tokenize } from '../../../../src/infra/search/text-fold.ts';

describe('highlights and folding', () => {
  it('escapes HTML, then swaps private markers for <mark>', () => {
    const passage = `a <b>&"'</b> ${MARK_OPEN}pegawai${MARK_CLOSE}\n\n z`;
    expect(toHighlight(passage)).to.equal('a &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; <mark>pegawai</mark> z');
  });

  it('drops passages without a match and closes a cut one', () => {
    expect(toHighlight('no match here')).to.equal(null);
    expect(toHighlight(null)).to.equal(null);
    expect(toHighlight(`${MARK_OPEN}cut`)).to.equal('<mark>cut</mark>');
  });

  it('never lets stored text forge a marker', () => {
    expect(stripMarkers(`x${MARK_OPEN}y${MARK_CLOSE}`)).to.equal('xy');
    expect(escapeHtml('<mark>')).to.equal('&lt;mark&gt;');
  });

  it('folds like unicode61 remove_diacritics 2', () => {
    expect(fold('CAFÉ Ñandu Über')).to.equal('cafe nandu uber');
    expect(tokenize('Surat: 800/123/BKD/2025, résumé!')).to.deep.equal(['surat', '800', '123', 'bkd', '2025', 'resume']);
    expect(letterKey('800.123.BKD.2025')).to.equal('800 123 bkd 2025');
    expect(letterKey(null)).to.equal(null);
  });
});
