import { expect } from 'chai';
import { createPadesSigner } from '../../../src/infra/signing/pades.signer.ts';
import type { SignedPdf, VerificationReport } from '../../../src/ports/pdf-signing.ts';
import { pdfText } from '../../support/nss.ts';
import { addAnnotationUpdate, changeTextUpdate } from '../../support/signing-fixtures.ts';
import { startTsa, type TestTsa } from '../../support/tsa.ts';
import { signatureLayout, signingWorld, withByteRange, type SigningWorld } from './signing-world.ts';
import { inMemorySigningKey } from '../../../src/infra/signing/local.signing-key.ts';

/** The verifier must never call a changed file valid, and must say it was modified. */
const expectModified = (r: VerificationReport, why?: RegExp) => {
  expect(r.valid, JSON.stringify(r)).to.equal(false);
  expect(r.modifiedAfterSigning, JSON.stringify(r)).to.equal(true);
  if (why) expect(r.signatures.flatMap((s) => s.problems).join(' | ')).to.match(why);
};

/** A deterministic spread of positions (a tiny LCG, so a failure can be replayed). */
const positions = (length: number, count: number, seed = 7): number[] => {
  const out: number[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(x % length);
  }
  return out;
};

describe('signing contract: a changed file is never valid', function () {
  this.timeout(120_000);
  let w: SigningWorld;
  let tsa: TestTsa;
  let a: SignedPdf;
  let b: SignedPdf;
  let stamped: SignedPdf;
  let anchors: Uint8Array[];

  before(async () => {
    w = await signingWorld();
    tsa = await startTsa();
    anchors = [w.root.certificate, tsa.rootDer];
    a = await w.signer.sign(w.letterA, inMemorySigningKey(w.official));
    b = await w.signer.sign(w.letterB, inMemorySigningKey(w.official));
    stamped = await createPadesSigner({ timestampUrl: tsa.url }).sign(w.letterA, inMemorySigningKey(w.official));
    for (const f of [a, b, stamped]) expect((await w.verifier.verify(f.pdf, anchors)).valid).to.equal(true);
  });
  after(async () => {
    await tsa?.close();
    await w?.close();
  });

  it('a byte changed inside the signed range: in the page, the signature dictionary, the xref', async () => {
    const text = Buffer.from(a.pdf).toString('latin1');
    for (const at of [text.indexOf('/MediaBox') + 12, text.indexOf('/M (D:') + 8, text.lastIndexOf('xref') + 12, 20]) {
      const copy = Buffer.from(a.pdf);
      copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;
      const r = await w.verifier.verify(copy, anchors);
      expectModified(r, /document digest does not match|cannot be read|not exactly/);
      expect(r.signatures[0]!.intact).to.equal(false);
    }
  });

  it('a byte changed outside it: the signature value, its certificates, the padding, the case of a hex digit', async () => {
    const l = signatureLayout(a.pdf);
    const hexAt = (i: number) => l.contentsStart + 1 + i;
    const change = (at: number, to: string) => {
      const copy = Buffer.from(a.pdf);
      copy.write(to, at, 'latin1');
      return copy;
    };
    const digit = (at: number) => String.fromCharCode(a.pdf[at]!);
    const other = (d: string) => (d === '0' ? '1' : '0');
    // The last bytes of the CMS are the RSA signature value; byte 700 lies in the certificates.
    for (const i of [l.cmsHexLength - 10, 700, 40]) expectModified(await w.verifier.verify(change(hexAt(i), other(digit(hexAt(i)))), anchors));
    expectModified(await w.verifier.verify(change(hexAt(l.cmsHexLength + 100), '7'), anchors), /not zero padding/);
    const letterAt = [...Array(l.cmsHexLength).keys()].map(hexAt).find((at) => /[a-f]/.test(digit(at)))!;
    expectModified(await w.verifier.verify(change(letterAt, digit(letterAt).toUpperCase()), anchors), /mix upper and lower case/);
    expectModified(await w.verifier.verify(change(hexAt(5), 'x'), anchors), /not a \/Contents hex string|empty/);
  });

  it('every single byte flipped, 300 positions over the whole file and every 5th hex digit of the CMS, is caught', async () => {
    for (const file of [a, stamped]) {
      const l = signatureLayout(file.pdf);
      const cmsPositions = [...Array(l.cmsHexLength).keys()].filter((i) => i % 5 === 0).map((i) => l.contentsStart + 1 + i);
      for (const at of [...positions(file.pdf.length, 300), ...cmsPositions]) {
        const copy = Buffer.from(file.pdf);
        const inHex = at > l.contentsStart && at < l.contentsEnd - 1;
        copy[at] = inHex ? (copy[at] === 0x30 ? 0x31 : 0x30) : copy[at]! ^ 0x01;
        const r = await w.verifier.verify(copy, anchors);
        if (r.valid || !r.modifiedAfterSigning)
          expect.fail(`a flip at ${at} (contents ${l.contentsStart}–${l.contentsEnd}) went unnoticed: ${JSON.stringify(r)}`);
      }
    }
  });

  it('bytes appended after the signed part', async () => {
    for (const tail of ['\n', '%%EOF\n', '\n% a comment added later\n']) {
      const r = await w.verifier.verify(Buffer.concat([a.pdf, Buffer.from(tail)]), anchors);
      expectModified(r, /added after the signed part/);
      expect(r.signatures[0]).to.deep.include({ intact: true, coversWholeDocument: false });
    }
  });

  it('an incremental update that adds an annotation (pdfsig: not the total document)', async () => {
    const updated = await addAnnotationUpdate(a.pdf);
    const r = await w.verifier.verify(updated, anchors);
    expectModified(r, /added after the signed part/);
    const p = await w.nss.pdfsig(updated);
    expect(p.stdout).to.contain('Signature is Valid.').and.contain('Not total document signed');
  });

  it('an incremental update that changes the text a reader sees', async () => {
    const updated = await changeTextUpdate(a.pdf);
    expect(await pdfText(updated)).to.contain('NOMINAL DIUBAH');
    expectModified(await w.verifier.verify(updated, anchors), /added after the signed part/);
    expect((await w.nss.pdfsig(updated)).stdout).to.contain('Not total document signed');
    // And on a timestamped letter too.
    expectModified(await w.verifier.verify(await changeTextUpdate(stamped.pdf), anchors));
  });

  it('a widened, narrowed or shifted byte range', async () => {
    const [, x, y, z] = signatureLayout(a.pdf).range;
    const cases: [string, number[]][] = [
      ['widened (signs into /Contents)', [0, x + 2, y - 2, z + 2]],
      ['narrowed (leaves bytes around /Contents unsigned)', [0, x - 2, y + 2, z - 2]],
      ['shifted', [0, x + 10, y + 10, z - 10]],
      ['short of the end', [0, x, y, z - 5]],
      ['not from 0', [3, x - 3, y, z]],
    ];
    for (const [what, range] of cases) {
      const r = await w.verifier.verify(withByteRange(a.pdf, range), anchors);
      expect(r.valid, what).to.equal(false);
      expect(r.modifiedAfterSigning, what).to.equal(true);
      expect(r.signatures[0]!.coversWholeDocument, what).to.equal(false);
    }
  });

  it('an empty signature; and an unsigned stamped letter is simply not signed', async () => {
    const l = signatureLayout(a.pdf);
    const empty = Buffer.from(a.pdf);
    empty.write('0'.repeat(l.contentsEnd - l.contentsStart - 2), l.contentsStart + 1, 'latin1');
    const r = await w.verifier.verify(empty, anchors);
    expectModified(r, /the signature is empty/);
    expect(r.signatures[0]!.signer).to.equal(null);
    const unsigned = await w.verifier.verify(w.letterA.pdf, anchors);
    expect(unsigned).to.deep.equal({ signatures: [], modifiedAfterSigning: false, valid: false });
    expect(await w.verifier.verify(Buffer.from('not a pdf'), anchors)).to.deep.equal({ signatures: [], modifiedAfterSigning: false, valid: false });
  });

  it('a signature copied from another letter', async () => {
    const la = signatureLayout(a.pdf);
    const lb = signatureLayout(b.pdf);
    expect(lb.contentsEnd - lb.contentsStart).to.equal(la.contentsEnd - la.contentsStart);
    const forged = Buffer.from(a.pdf);
    Buffer.from(b.pdf).copy(forged, la.contentsStart, lb.contentsStart, lb.contentsEnd);
    const r = await w.verifier.verify(forged, anchors);
    expectModified(r, /document digest does not match/);
    expect(r.signatures[0]!.signer!.commonName).to.equal('Dr. Ayu Wulandari, S.H., M.Si.');
    const p = await w.nss.pdfsig(forged);
    expect(p.stdout).to.match(/Signature Validation: (Signature is Invalid|Digest Mismatch)/);
  });
});
