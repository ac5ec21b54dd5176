import { expect } from 'chai';
import { logLine } from '../../../src/web/log-line.ts';
import { tEn, tId } from './translate.ts';

describe("the /check page's public-log line (web)", () => {
  it('names the position as the log numbers it, from 0, with the size of the signed head its proof matched', () => {
    expect(logLine({ recorded: true, index: 0, size: 1, verified: true }, tId)).to.equal(
      'Tercatat di log publik pada posisi 0 (bukti inklusi cocok dengan kepala log bertanda tangan, ukuran 1)',
    );
    expect(logLine({ recorded: true, index: 41, size: 1000, verified: true }, tEn)).to.equal(
      'Recorded in the public log at position 41 (its inclusion proof matches the signed head of size 1000)',
    );
  });

  it('says the signed head is still to come, that the proof failed, or that the letter is not logged yet', () => {
    expect(logLine({ recorded: true, index: 7, pending: true }, tId)).to.equal(
      'Tercatat di log publik pada posisi 7; kepala log bertanda tangan menyusul sebentar lagi',
    );
    expect(logLine({ recorded: true, index: 7 }, tEn)).to.equal('Recorded in the public log at position 7; its signed head follows in a moment');
    expect(logLine({ recorded: true, index: 7, size: 9, verified: false }, tId)).to.equal(
      'PERINGATAN: posisi 7 di log publik tidak cocok dengan kepala log bertanda tangan',
    );
    expect(logLine({ recorded: false }, tId)).to.equal('Belum tercatat di log publik');
  });
});
