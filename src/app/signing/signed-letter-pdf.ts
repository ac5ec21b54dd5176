import type { OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { sha256Hex } from './office-ca.ts';
import { calendarDateIn, wallClock, zoneLabel } from '../../domain/office-time.ts';
import { indonesianDate } from '../../domain/outgoing-rules.ts';
import type { PageArea, TextSlot } from '../../ports/letter-renderer.ts';
import type { CertificateDer, SignedPdf } from '../../ports/pdf-signing.ts';
import type { SigningKey } from '../../ports/signing-key.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { SigningCertificateRecord } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { renderOutgoingLetter } from '../outgoing/outgoing-draft.ts';

/** A draft larger than this is not a letter; refused before its bytes are read into memory. */
const MAX_DRAFT_BYTES = 50 * 1024 * 1024;

/** The letter as it will be stamped: its pages, where the block and the number go, and who signs as printed. */
export interface LetterToSign {
  pdf: Uint8Array;
  area?: PageArea;
  numberArea?: PageArea | TextSlot;
  name: string;
  title: string;
  nip: string | null;
  /** The printed signing time, e.g. "5 Maret 2025 10.14 WIB". */
  dateText: string;
}

/** "5 Maret 2025 10.14 WIB": the signing time as an Indonesian letter prints it, in the office's zone. */
export const printedTime = (at: Date, timeZone: string): string => {
  const w = wallClock(at, timeZone);
  return `${indonesianDate(calendarDateIn(at, timeZone))} ${String(w.hour).padStart(2, '0')}.${String(w.minute).padStart(2, '0')} ${zoneLabel(timeZone, at)}`;
};

/**
 * The final letter before its number: a template letter is rendered again for the signing day
 * with the signer's NIP (the number is left for the stamper to print on the "Nomor" line); an
 * uploaded draft is taken as approved, and the stamper rewrites it as a clean PDF. Reads what
 * it needs now, so making the signed PDF later touches no database.
 */
export const prepareLetter = async (
  deps: AppDeps,
  letter: OutgoingLetterRecord,
  signer: UserRecord,
  cert: SigningCertificateRecord,
  at: Date,
): Promise<LetterToSign> => {
  const version = (await deps.db.outgoing.versions(letter.id)).find((v) => v.version === letter.version);
  if (!version) throw new AppError('invalid', 'the letter has no current version');
  const units = await deps.db.units.all();
  const unitName = units.find((u) => u.code === signer.unitCode)?.name ?? signer.unitCode;
  const who = { name: cert.commonName, nip: cert.nip, dateText: printedTime(at, deps.officeTimeZone) };
  if (version.template) {
    // The drafter's title for the signer, else the jabatan on their certificate, else their unit's head.
    const title = version.template.signerTitle ?? cert.title ?? `Kepala ${unitName}`;
    // The letter is dated the day it is signed (issue 13), not the day its draft named: the
    // date above the text and the time in the signature block must agree.
    const rendered = await renderOutgoingLetter(
      deps,
      letter,
      { ...version.template, date: null, signerTitle: title },
      { version: letter.version, letterNumber: null, at, signerNip: cert.nip },
    );
    return { ...who, pdf: rendered.pdf, area: rendered.signatureArea, numberArea: rendered.numberArea, title };
  }
  const doc = await deps.db.documents.findById(version.documentId);
  if (!doc) throw new AppError('invalid', "the letter's draft is missing from the archive");
  if (doc.size > MAX_DRAFT_BYTES) throw new AppError('invalid', `the draft is larger than ${MAX_DRAFT_BYTES / 1024 / 1024} MB; a letter to sign is smaller`);
  const bytes = await deps.blobs.getBuffer(doc.storageKey);
  if (sha256Hex(bytes) !== doc.sha256)
    throw new AppError('invalid', "the draft's stored bytes changed since it was archived; it is not signed (restore it from a backup)");
  return { ...who, pdf: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), title: cert.title ?? `Kepala ${unitName}` };
};

export interface SignedLetterPdf extends SignedPdf {
  pages: number;
  /** The signature carries revocation data that proves its certificates' status at signing (PAdES B-LT). */
  ltv: boolean;
}

/**
 * Stamps the block (QR code to `/verify/<code>`, name, title, NIP, time, number), signs once
 * with `key` (held here or by a provider's signing service), with the revocation lists `crls` inside the signature (see revocationListsFor), and checks the
 * result with the office's own verifier and trust anchors: a letter that would not verify (an
 * untrusted timestamp authority, a clock far off) is never issued. Pure computation plus the
 * timestamp request: no database.
 */
export const makeSignedPdf = async (
  deps: AppDeps,
  letter: LetterToSign,
  key: SigningKey,
  o: { letterNumber: string; code: string; at: Date; anchors: CertificateDer[]; officeName: string; crls: Uint8Array[] },
): Promise<SignedLetterPdf> => {
  const stamped = await deps.signing.stamper.stamp(
    letter.pdf,
    { name: letter.name, title: letter.title, nip: letter.nip, date: letter.dateText, letterNumber: o.letterNumber, verifyCode: o.code },
    { ...(letter.area ? { area: letter.area } : {}), ...(letter.numberArea ? { numberArea: letter.numberArea } : {}) },
  );
  const signed = await deps.signing.signer.sign(stamped, key, { signedAt: o.at, reason: `Surat ${o.letterNumber}`, location: o.officeName, crls: o.crls });
  const report = await deps.signing.verifier.verify(signed.pdf, o.anchors);
  if (!report.valid) {
    const problems = report.signatures.flatMap((s) => s.problems);
    const hint = problems.some((p) => p.startsWith('timestamp')) ? " (is the timestamp authority's root trusted? POST /api/v1/signing/trust-anchors)" : '';
    throw new AppError('invalid', `the signed letter does not pass verification, so it was not issued: ${problems.join('; ') || 'no valid signature'}${hint}`, {
      problemType: 'signature-not-verifiable',
    });
  }
  return { ...signed, pages: stamped.pages, ltv: report.signatures.every((s) => s.ltv) };
};
