import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateLetter } from '../../../../scripts/fixtures/letter-text.ts';
import { ensureFixture, writeFixture } from '../../../support/fixtures.ts';

// The OCR ground truth and the extractor tests rest on these generators: same seed, same bytes.
describe('generated letters and fixtures', () => {
  it('makes the same letter from the same seed and different letters from different seeds', () => {
    expect(generateLetter(42)).to.deep.equal(generateLetter(42));
    const numbers = new Set(Array.from({ length: 200 }, (_, i) => generateLetter(i).letterNumber));
    expect(numbers.size).to.be.above(190);
  });

  it('writes formal letters: number, date, Nomor/Sifat/Lampiran/Perihal, Yth., signer with an 18-digit NIP', () => {
    for (let seed = 0; seed < 50; seed++) {
      const l = generateLetter(seed);
      expect(l.letterNumber).to.match(/^\d{3}\/\d{1,4}\/[A-Z]+\/20\d\d$/);
      expect(l.letterNumber.startsWith(`${l.classificationCode}/`)).to.equal(true);
      expect(l.letterDate).to.match(/^20\d\d-\d\d-\d\d$/);
      expect(l.signerNip).to.match(/^\d{18}$/);
      for (const label of ['Nomor :', 'Sifat :', 'Lampiran :', 'Perihal :', 'Yth.', `NIP. ${l.signerNip}`]) expect(l.text).to.include(label);
      expect(l.text).to.include(l.subject);
    }
  });

  it('uses only characters the PDF standard fonts can draw', () => {
    const all = Array.from({ length: 300 }, (_, i) => generateLetter(i).text).join('\n');
    expect(all).to.match(/^[\x20-\x7e\n]+$/);
  });

  it('builds identical fixture bytes on every run', async function () {
    this.timeout(60_000);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-fixtures-'));
    try {
      const sha = async (p: string) =>
        createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
      for (const name of ['letter-3p.pdf', 'scan-top-1p.png', 'encrypted.pdf'] as const) {
        expect(await sha(await writeFixture(name, dir)), name).to.equal(await sha(await ensureFixture(name)));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
