import { expect } from 'chai';
import { composeBody } from '../../../src/domain/letter-body.ts';
import { BUILTIN_LETTER_TYPES, formatNumber, numberFormatFor, numberFormatProblem, typedNumberScope } from '../../../src/domain/letter-types.ts';
import { addresseeBlock, foldName, internalRecipients, type Party } from '../../../src/domain/parties.ts';

const unit = (unitCode: string, name = unitCode): Party => ({ kind: 'unit', unitCode, name });
const body = (name: string, address: string | null = null): Party => ({ kind: 'external', name, address, email: null });

describe('naskah types (domain)', () => {
  it('formats numbers from a format: classification, sequence, unit, year and the Roman month', () => {
    const v = { code: '800', seq: 12, unit: 'BKD', year: 2025, month: 3 };
    expect(formatNumber('{code}/{seq}/{unit}/{year}', v)).to.equal('800/12/BKD/2025');
    expect(formatNumber('ND/{code}/{seq}/{unit}/{month}/{year}', v)).to.equal('ND/800/12/BKD/III/2025');
    expect(formatNumber('{seq}-{seq}/{year}', { ...v, month: 12 })).to.equal('12-12/2025');
  });

  it('refuses formats without {seq} or {year}, with unknown placeholders or unbalanced braces', () => {
    expect(numberFormatProblem('{code}/{seq}/{unit}/{year}')).to.equal(null);
    expect(numberFormatProblem('{code}/{unit}/{year}')).to.match(/\{seq\}/);
    expect(numberFormatProblem('{seq}/{unit}')).to.match(/\{year\}/);
    expect(numberFormatProblem('{seq}/{nomor}/{year}')).to.match(/unknown placeholder \{nomor\}/);
    expect(numberFormatProblem('{seq}/{year}}')).to.match(/unbalanced/);
    for (const t of BUILTIN_LETTER_TYPES) expect(numberFormatProblem(t.numberFormat), t.code).to.equal(null);
  });

  it("takes a unit's own format when it has one, and keeps surat dinas on the counter letters had before types", () => {
    const type = { numberFormat: '{code}/{seq}/{unit}/{year}', unitFormats: { SETDA: 'SETDA/{seq}/{year}' } };
    expect(numberFormatFor(type, 'SETDA')).to.equal('SETDA/{seq}/{year}');
    expect(numberFormatFor(type, 'BKD')).to.equal('{code}/{seq}/{unit}/{year}');
    expect(typedNumberScope('surat-dinas', 'BKD', 2025)).to.equal('letter:BKD:2025');
    expect(typedNumberScope('nota-dinas', 'BKD', 2025)).to.equal('letter:nota-dinas:BKD:2025');
  });
});

describe('addressees and copies (domain)', () => {
  it('prints one addressee with "di" and its place, several as a numbered list', () => {
    expect(addresseeBlock([body('Dinas Pendidikan', 'Jl. Parasamya 1')])).to.equal('Yth. Dinas Pendidikan\ndi\nJl. Parasamya 1');
    expect(addresseeBlock([unit('SETDA', 'Sekretariat Daerah')])).to.equal('Yth. Kepala Sekretariat Daerah\ndi\nTempat');
    expect(addresseeBlock([unit('SETDA', 'Sekretariat Daerah'), body('Inspektorat')])).to.equal(
      'Yth.\n1. Kepala Sekretariat Daerah\n2. Inspektorat\ndi\nTempat',
    );
  });

  it('delivers to each unit of the office once, as addressee before copy; other parties are not delivered', () => {
    expect(internalRecipients([unit('SETDA'), body('X')], [unit('SETDA'), unit('DISDIK'), unit('DISDIK')])).to.deep.equal([
      { unitCode: 'SETDA', kind: 'addressee' },
      { unitCode: 'DISDIK', kind: 'copy' },
    ]);
  });

  it('folds names for matching: accents, case and spacing aside', () => {
    expect(foldName('  Dinas  PENDIDIKAN\tSléman ')).to.equal('dinas pendidikan sleman');
    expect(foldName('Éducation')).to.equal(foldName('education'));
  });

  it("composes the printed body: text, the people assigned, then the type's fields aligned", () => {
    expect(
      composeBody({
        body: 'Isi.',
        assignees: [
          { name: 'Agus', nip: '1980', position: 'Analis' },
          { name: 'Budi', nip: null, position: null },
        ],
        fields: [
          { label: 'Hari', value: 'Senin' },
          { label: 'Tempat', value: 'Aula' },
        ],
      }),
    ).to.equal('Isi.\n\nYang ditugaskan:\n1. Agus, NIP 1980, Analis\n2. Budi\n\nHari   : Senin\nTempat : Aula');
    expect(composeBody({ body: ' Isi saja. ' })).to.equal('Isi saja.');
  });
});
