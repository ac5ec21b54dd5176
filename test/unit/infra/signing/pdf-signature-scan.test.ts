import { expect } from 'chai';
import { createPadesVerifier } from '../../../../src/infra/signing/pades.verifier.ts';
import { findSignatures, MAX_SIGNATURES, TOO_MANY_SIGNATURES } from '../../../../src/infra/signing/pdf-signature-scan.ts';

const pdfOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
/** `%PDF-1.7` and then `unit` over and over, to about `size` bytes. */
const repeatedTo = (unit: string, size: number) => pdfOf(`%PDF-1.7\n${unit.repeat(Math.ceil(size / unit.length))}`);
/** `count` separate signature objects (damaged ones: each still a candidate to check). */
const sigObjects = (count: number) =>
  pdfOf(
    `%PDF-1.7\n${Array.from({ length: count }, (_, i) => `${i + 1} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange [0 10 20 30]/Contents <00>>>\nendobj\n`).join('')}%%EOF\n`,
  );

describe('signing: the signature scan of an uploaded PDF (anyone may upload one, so it is bounded)', function () {
  this.timeout(60_000);
  const verifier = createPadesVerifier();

  const hostile: [string, string][] = [
    ['"1 0 obj /Type/Sig" lines and no endobj', '1 0 obj /Type/Sig\n'],
    ['/Type/Sig objects', '1 0 obj /Type/Sig endobj\n'],
    ['"/ByteRange [" never closed', '/ByteRange ['],
    ['/Type/Sig with no object around it', '/Type/Sig\n'],
    ['unclosed "/Contents <" and "/M (D:"', '1 0 obj /Type/Sig /Contents </M (D:'],
  ];
  for (const [what, unit] of hostile) {
    // How fast (the scan was once quadratic: minutes) is `npm run bench -- worst-case`; this is what it answers.
    it(`refuses 2 MB of repeated ${what}, saying what is wrong with each candidate`, async () => {
      const report = await verifier.verify(repeatedTo(unit, 2_000_000), []);
      expect(report.valid).to.equal(false);
      expect(report.signatures).to.have.length.within(1, MAX_SIGNATURES);
      for (const s of report.signatures) expect(s.problems).to.not.be.empty;
    });
  }

  it(`reports a file with more than ${MAX_SIGNATURES} signature candidates invalid, saying why, without checking them`, async () => {
    const report = await verifier.verify(sigObjects(50), []);
    expect(report.valid).to.equal(false);
    expect(report.signatures).to.have.length(1);
    expect(report.signatures[0]).to.include({ intact: false, trusted: false, signer: null });
    expect(report.signatures[0]!.problems).to.deep.equal([TOO_MANY_SIGNATURES]);
    expect(TOO_MANY_SIGNATURES).to.match(/too many signature candidates/);
  });

  it(`still reads ${MAX_SIGNATURES} signature objects, one entry each`, () => {
    const found = findSignatures(sigObjects(MAX_SIGNATURES));
    expect(found).to.have.length(MAX_SIGNATURES);
    for (const f of found) {
      expect(f.refused).to.equal(undefined);
      expect(f.byteRange).to.deep.equal([0, 10, 20, 30]);
      expect(f.subFilter).to.equal('ETSI.CAdES.detached');
    }
  });

  it('counts an object once however many markers it has, and reads a /Contents far before them', () => {
    const hex = 'ab'.repeat(150_000); // 300 KB of hex before any marker
    const text = `%PDF-1.7\n1 0 obj\n<</Filter/Adobe.PPKLite/Contents <${hex}>/ByteRange [0 26 300028 9]/M (D:20250305090000+07'00')/SubFilter/adbe.pkcs7.detached/Type/Sig>>\nendobj\n%%EOF\n`;
    const found = findSignatures(pdfOf(text));
    expect(found).to.have.length(1);
    const [f] = found;
    expect(f!.byteRange).to.deep.equal([0, 26, 300028, 9]);
    expect(f!.subFilter).to.equal('adbe.pkcs7.detached');
    expect(f!.claimedTime?.toISOString()).to.equal('2025-03-05T02:00:00.000Z');
    expect(f!.contents).to.include({ start: text.indexOf('<ab'), end: text.indexOf('>/ByteRange') + 1, mixedCase: false });
    expect(f!.contents!.value).to.have.length(150_000);
  });
});
