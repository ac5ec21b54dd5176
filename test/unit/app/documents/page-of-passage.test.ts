import { expect } from 'chai';
import { pageOfPassage } from '../../../../src/app/documents/search-results.ts';
import type { PageText } from '../../../../src/domain/document.ts';

const pages: PageText[] = [
  { page: 1, text: 'Undangan rapat koordinasi kepegawaian', source: 'pdf-text' },
  { page: 2, text: 'Daftar hadir pegawai Dinas Pendidikan', source: 'ocr' },
  { page: 3, text: 'Rapat dilanjutkan di Kafé Sinar & Co.', source: 'ocr' },
];

describe('the page of a search passage', () => {
  it('is the first page holding every marked word, diacritics and case aside', () => {
    expect(pageOfPassage(pages, '…daftar <mark>hadir</mark> <mark>pegawai</mark>…')).to.equal(2);
    expect(pageOfPassage(pages, '<mark>rapat</mark> koordinasi')).to.equal(1);
    expect(pageOfPassage(pages, 'di <mark>Kafe</mark> Sinar <mark>&amp;</mark> <mark>Co</mark>')).to.equal(3);
  });

  it('falls back to the page with most of the words, and is null when nothing is known', () => {
    expect(pageOfPassage(pages, '<mark>pegawai</mark> <mark>pendidikan</mark> <mark>provinsi</mark>')).to.equal(2);
    expect(pageOfPassage(pages, '<mark>anggaran</mark>')).to.equal(null);
    expect(pageOfPassage(pages, 'no marks here')).to.equal(null);
    expect(pageOfPassage([], '<mark>rapat</mark>')).to.equal(null);
    expect(pageOfPassage(pages, undefined)).to.equal(null);
  });
});
