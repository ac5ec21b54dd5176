/**
 * PAdES B-LT (ETSI EN 319 142-1, PDF 2.0 section 12.8.4.3): appends to a signed PDF one
 * incremental update that adds a Document Security Store to the catalog: /Certs (the signer's
 * certificate and chain), /CRLs (revocation lists) and a /VRI entry per signature, keyed by the
 * upper-case hex SHA-1 of the signature's /Contents bytes. So a reader can still check the
 * signature once the certificate has expired and its CA no longer lists it.
 *
 * Written by hand, not by pdf-lib's save: an incremental update must leave every signed byte as
 * it is, and pdf-lib only rewrites whole files. The update holds the streams, the VRI and DSS
 * dictionaries, the catalog again (same object number, the same entries plus /DSS), a classic
 * xref table of those objects only, and a trailer whose /Prev is the signed revision's xref.
 */
import { createHash } from 'node:crypto';
import { PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { ValidationData, ValidationDataWriter } from '../../ports/pdf-signing.ts';
import { findSignatures } from './pdf-signature-scan.ts';
import { readSignedRevision } from './signed-revision.ts';

/** The VRI key of a signature: SHA-1 of its /Contents bytes (zero padding included), upper-case hex. */
export const vriKey = (contents: Uint8Array): string => createHash('sha1').update(contents).digest('hex').toUpperCase();

const unique = (items: Uint8Array[]): Uint8Array[] => {
  const seen = new Set<string>();
  return items.filter((b) => {
    const k = createHash('sha256').update(b).digest('hex');
    return seen.has(k) ? false : (seen.add(k), true);
  });
};

/** Returns `pdf` with the DSS update appended; the bytes before it are `pdf` unchanged. */
export const appendDss = async (pdf: Uint8Array, data: ValidationData): Promise<Uint8Array> => {
  const signatures = findSignatures(pdf).filter((s) => s.contents && s.byteRange);
  if (signatures.length === 0) throw new Error('no signature to add validation data for');
  // Read the way the verifier reads it (signed-revision.ts), so both agree on numbers and catalog.
  const signed = await readSignedRevision(pdf);
  if (!signed) throw new Error('the signed PDF has no plain catalog, or is encrypted');
  const { root: Root, info: Info, id: ID } = signed;
  if (Root.generationNumber !== 0) throw new Error('a catalog of a later generation is not updated');

  const parts: Buffer[] = [];
  const base = pdf.length + (pdf[pdf.length - 1] === 0x0a ? 0 : 1);
  let offset = base;
  const offsets = new Map<number, number>();
  const emit = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    parts.push(b);
    offset += b.length;
  };
  let next = signed.largest + 1;
  const stream = (bytes: Uint8Array): string => {
    const n = next++;
    offsets.set(n, offset);
    emit(`${n} 0 obj\n<< /Length ${bytes.length} >>\nstream\n`);
    emit(Buffer.from(bytes));
    emit('\nendstream\nendobj\n');
    return `${n} 0 R`;
  };
  const object = (body: string, n = next++): number => {
    offsets.set(n, offset);
    emit(`${n} 0 obj\n${body}\nendobj\n`);
    return n;
  };

  const certs = unique(data.certificates).map(stream);
  const crls = unique(data.crls).map(stream);
  const list = (refs: string[]) => `[ ${refs.join(' ')} ]`;
  // Every signature in the file is given the same data: a letter has one signer.
  const vri = signatures.map((s) => {
    const entries = [`/Cert ${list(certs)}`, ...(crls.length ? [`/CRL ${list(crls)}`] : []), `/TU ${PDFString.fromDate(data.at).toString()}`];
    return `/${vriKey(s.contents!.value)} ${object(`<< ${entries.join(' ')} >>`)} 0 R`;
  });
  const dss = object(`<< /Type /DSS /Certs ${list(certs)}${crls.length ? ` /CRLs ${list(crls)}` : ''} /VRI << ${vri.join(' ')} >> >>`);

  // The catalog again, under its own number: what a reader opens first now names the DSS.
  const catalog = signed.catalog.clone();
  catalog.set(PDFName.of('DSS'), PDFRef.of(dss));
  object(catalog.toString(), Root.objectNumber);

  // The xref of this update: the catalog's entry, then the new objects (one run of numbers).
  const xrefAt = offset;
  const line = (n: number) => `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  const fresh = [...offsets.keys()].filter((n) => n !== Root.objectNumber).sort((a, b) => a - b);
  emit(`xref\n${Root.objectNumber} 1\n${line(Root.objectNumber)}${fresh[0]} ${fresh.length}\n${fresh.map(line).join('')}`);
  const trailer = [`/Size ${next}`, `/Root ${Root.toString()}`, ...(Info ? [`/Info ${Info.toString()}`] : []), ...(ID ? [`/ID ${ID.toString()}`] : []), `/Prev ${signed.xrefAt}`];
  emit(`trailer\n<< ${trailer.join(' ')} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  if (base !== pdf.length) parts.unshift(Buffer.from('\n'));
  return new Uint8Array(Buffer.concat([Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), ...parts]));
};

export const createDssWriter = (): ValidationDataWriter => ({ embed: appendDss });
