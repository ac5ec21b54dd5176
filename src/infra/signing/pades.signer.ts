/**
 * PAdES signing with pdf-lib and Node's crypto. The stamper's empty signature field gets a
 * signature dictionary (Filter Adobe.PPKLite, SubFilter ETSI.CAdES.detached, /M) with a
 * zero-filled /Contents placeholder and a /ByteRange of fixed-width names; the document is saved
 * once (a single revision, no object streams so /Contents lies in the file's own bytes), then the
 * byte range is written in place, the SHA-256 of the two ranges goes into a CMS (cms.ts) and the
 * CMS, hex, into the placeholder. Revocation data for long-term validation rides inside that CMS
 * (no later revision), so the signature keeps covering the whole file.
 */
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { AppError } from '../../domain/errors.ts';
import { assertCanSign } from '../../domain/signing/certificate-validity.ts';
import type { CertificateDer, PdfSigner, SignedPdf, SignOptions, StampedLetter } from '../../ports/pdf-signing.ts';
import type { SigningKey } from '../../ports/signing-key.ts';
import { buildDetachedCms } from './cms.ts';
import { requestTimestamp } from './rfc3161.timestamp-client.ts';
import { describeCertificate } from './x509.ts';

const RANGE_SLOT = '**********'; // ten characters: room for any offset below 10 GB
const CATALOG_KEYS = new Set(['Type', 'Pages', 'AcroForm', 'Lang']);
/** Room kept in /Contents for a timestamp token (the TSA's certificates travel inside it). */
const TIMESTAMP_ROOM = 12 * 1024;

const notStamped = (why: string) => new AppError('invalid', `only a letter stamped by Naskah can be signed, once: ${why}`, { problemType: 'not-stamped' });

const count = (hay: Buffer, needle: string): number => {
  let n = 0;
  for (let i = hay.indexOf(needle, 0, 'latin1'); i !== -1; i = hay.indexOf(needle, i + needle.length, 'latin1')) n++;
  return n;
};

/** The single, empty signature field of a stamper output, or an explanation of why not. */
const emptySignatureField = (doc: PDFDocument): PDFDict => {
  for (const key of doc.catalog.keys()) if (!CATALOG_KEYS.has(key.asString().slice(1))) throw notStamped(`its catalog has ${key.asString()}`);
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (fields?.size() !== 1) throw notStamped('it does not have exactly one form field');
  const field = fields.lookup(0, PDFDict);
  if (field.get(PDFName.of('FT')) !== PDFName.of('Sig')) throw notStamped('its field is not a signature field');
  if (field.has(PDFName.of('V'))) throw notStamped('it is already signed');
  return field;
};

/** One attempt: placeholder of `room` bytes, save, byte range, CMS; `needed` when the CMS did not fit. */
const signOnce = async (
  input: Uint8Array,
  key: SigningKey,
  certificates: CertificateDer[],
  options: SignOptions,
  signedAt: Date,
  room: number,
  opts: { timestampUrl?: string; timestampTimeoutMs?: number },
): Promise<{ pdf: Uint8Array; needed?: never } | { pdf?: never; needed: number }> => {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (err) {
    throw notStamped(`it is not a readable PDF (${(err as Error).message})`);
  }
  const field = emptySignatureField(doc);
  const ctx = doc.context;
  const slot = PDFName.of(RANGE_SLOT);
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, slot, slot, slot],
    Contents: PDFHexString.of('0'.repeat(room * 2)),
    M: PDFString.fromDate(signedAt),
    ...(options.reason ? { Reason: PDFHexString.fromText(options.reason) } : {}),
    ...(options.location ? { Location: PDFHexString.fromText(options.location) } : {}),
    ...(options.contactInfo ? { ContactInfo: PDFHexString.fromText(options.contactInfo) } : {}),
  });
  field.set(PDFName.of('V'), ctx.register(sig));
  doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).set(PDFName.of('SigFlags'), PDFNumber.of(3));
  const out = Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity, updateFieldAppearances: false }));

  // The dictionary is written as inserted: /ByteRange, then /Contents, before its endobj.
  const rangeText = `[ 0 /${RANGE_SLOT} /${RANGE_SLOT} /${RANGE_SLOT} ]`;
  const rangeAt = out.indexOf(rangeText, 0, 'latin1');
  const contentsAt = out.indexOf(`/Contents <${'0'.repeat(room * 2)}>`, rangeAt, 'latin1') + '/Contents '.length;
  const objEnd = out.indexOf('endobj', rangeAt, 'latin1');
  if (rangeAt < 0 || contentsAt < rangeAt || contentsAt > objEnd || out.indexOf(rangeText, rangeAt + 1, 'latin1') >= 0)
    throw new Error('signature placeholder not found after save');
  const gapEnd = contentsAt + room * 2 + 2;
  const range = [0, contentsAt, gapEnd, out.length - gapEnd];
  out.write(`[ ${range.join(' ')} ]`.padEnd(rangeText.length, ' '), rangeAt, 'latin1');

  const digest = createHash('sha256').update(out.subarray(0, contentsAt)).update(out.subarray(gapEnd)).digest();
  const timestampUrl = opts.timestampUrl;
  const cms = await buildDetachedCms({
    digest,
    certificate: certificates[0]!,
    chain: certificates.slice(1),
    key,
    ...(options.crls?.length ? { crls: options.crls } : {}),
    ...(timestampUrl ? { timestamp: (value: Uint8Array) => requestTimestamp(timestampUrl, value, opts.timestampTimeoutMs) } : {}),
  });
  if (cms.length > room) return { needed: cms.length };
  out.write(Buffer.from(cms).toString('hex'), contentsAt + 1, 'latin1');
  return { pdf: new Uint8Array(out.buffer, out.byteOffset, out.length) };
};

/**
 * `timestampUrl`: an RFC 3161 authority (TSA_URL); `timestampRoom`: bytes kept for its token in
 * the first attempt (12 KiB; a bigger token costs a second attempt).
 */
export const createPadesSigner = (opts: { timestampUrl?: string; timestampTimeoutMs?: number; timestampRoom?: number; now?: () => Date } = {}): PdfSigner => ({
  async sign(stamped: StampedLetter, key: SigningKey, options: SignOptions = {}): Promise<SignedPdf> {
    const signedAt = options.signedAt ?? (opts.now ?? (() => new Date()))();
    const certificates = await key.certificates();
    if (!certificates[0]) throw new AppError('invalid', 'the signing key names no certificate');
    assertCanSign(describeCertificate(certificates[0]), certificates.slice(1).map(describeCertificate), signedAt);

    const input = Buffer.from(stamped.pdf.buffer, stamped.pdf.byteOffset, stamped.pdf.byteLength);
    if (count(input, '%%EOF') !== 1 || count(input, 'startxref') !== 1) throw notStamped('it has more than one revision');
    if (count(input, '/ByteRange') !== 0) throw notStamped('it already carries a signature');
    const certBytes = certificates.reduce((n, c) => n + c.length, 0);
    // Each CRL travels twice: in SignedData's crls and in the signed adbe-revocationInfoArchival.
    const crlBytes = 2 * (options.crls ?? []).reduce((n, c) => n + c.length, 0);
    let room = Math.ceil((certBytes + crlBytes + 2048 + (opts.timestampUrl ? (opts.timestampRoom ?? TIMESTAMP_ROOM) : 0)) / 1024) * 1024;
    for (let attempt = 0; ; attempt++) {
      const result = await signOnce(stamped.pdf, key, certificates, options, signedAt, room, opts);
      if (result.pdf) return { pdf: result.pdf, sha256: createHash('sha256').update(result.pdf).digest('hex'), signedAt, timestamped: !!opts.timestampUrl };
      // A bigger chain or token than guessed: once more with room for it (a new timestamp too).
      if (attempt > 0) throw new Error(`the signature (${result.needed} bytes) does not fit its placeholder (${room})`);
      room = Math.ceil((result.needed + 1024) / 1024) * 1024;
    }
  },
});
