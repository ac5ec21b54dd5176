import { expect } from 'chai';
import { generateLetter } from '../../../scripts/fixtures/letter-text.ts';
import { nameCase, parseIndonesianDate, suggestLetterFields } from '../../../src/domain/letter-suggestions.ts';

describe('suggestions from a letter’s text (issue 18)', () => {
  it('reads number, date, sender and subject of generated Indonesian letters', () => {
    for (const seed of [1, 2, 3, 17, 42, 99, 250, 501]) {
      const l = generateLetter(seed);
      expect(suggestLetterFields(l.text), `seed ${seed}`).to.deep.equal({
        letterNumber: l.letterNumber,
        letterDate: l.letterDate,
        sender: l.sender,
        subject: l.subject,
      });
    }
  });

  it('reads the short forms: "No." and "Hal", old month spellings', () => {
    const text = [
      'PEMERINTAH KOTA KUPANG',
      'SEKRETARIAT DPRD',
      'Jl. El Tari Nomor 2, Kupang, Telp. (0380) 123456',
      'Kupang, 3 Nopember 2024',
      'No. : 005/77/SET-DPRD/2024',
      'Hal : Undangan Rapat Paripurna',
    ].join('\n');
    expect(suggestLetterFields(text)).to.deep.equal({
      letterNumber: '005/77/SET-DPRD/2024',
      letterDate: '2024-11-03',
      sender: 'Sekretariat DPRD Kota Kupang',
      subject: 'Undangan Rapat Paripurna',
    });
  });

  it('suggests nothing it did not find, and no day that does not exist', () => {
    expect(suggestLetterFields('')).to.deep.equal({});
    expect(suggestLetterFields('terima kasih atas perhatiannya\nmenindaklanjuti surat Nomor 800/12/BKD/2023')).to.deep.equal({});
    expect(parseIndonesianDate('Sleman, 30 Februari 2025')).to.equal(undefined);
    expect(parseIndonesianDate('Sleman, 29 Februari 2024')).to.equal('2024-02-29');
    expect(parseIndonesianDate('12 Smarch 2025')).to.equal(undefined);
  });

  it('writes a letterhead name as names are written', () => {
    expect(nameCase('DINAS PEKERJAAN UMUM DAN PENATAAN RUANG')).to.equal('Dinas Pekerjaan Umum dan Penataan Ruang');
    expect(nameCase('RSUD KABUPATEN GOWA')).to.equal('RSUD Kabupaten Gowa');
  });
});
