import { AppError } from '../../domain/errors.ts';
import { sniffMimeType } from '../../domain/file-types.ts';
import type { SignatureReport } from '../../ports/pdf-signing.ts';
import type { AppDeps } from '../deps.ts';
import { sha256Hex } from './office-ca.ts';
import { letterInLog } from '../public-log/letter-in-log.ts';
import { trustAnchorCertificates } from './trust-anchors.ts';
import { auditVerification, type VerificationContext } from './verification-audit.ts';
import { publicSubject } from './verify-code.ts';

/**
 * What our own records add to one signature: a certificate of ours revoked at or before it, or
 * an office-CA certificate (whose keys exist only inside Naskah) signing a file the office never
 * issued.
 */
const recordProblems = async (deps: AppDeps, s: SignatureReport, registered: boolean): Promise<string[]> => {
  if (!s.signer) return [];
  const problems: string[] = [];
  const ours = (await deps.db.certificates.findBySerial(s.signer.serial.toUpperCase())).filter((c) => c.issuer === s.signer!.issuer);
  for (const c of ours) {
    if (c.revokedAt && (!s.signedAt || c.revokedAt.getTime() <= s.signedAt.getTime())) problems.push(`the certificate of ${c.commonName} was revoked on ${c.revokedAt.toISOString()}, before this signature`);
    if (c.source === 'office' && !registered && s.intact && s.coversWholeDocument) problems.push('it is signed with a certificate of this office, but it is not a letter this office issued (not in its register)');
  }
  return problems;
};

const reasonOf = (report: { signatures: { intact: boolean; coversWholeDocument: boolean; trusted: boolean; problems: string[] }[]; modifiedAfterSigning: boolean }): string => {
  if (report.signatures.length === 0) return 'the file carries no signature';
  const first = report.signatures.flatMap((s) => s.problems)[0];
  if (report.modifiedAfterSigning) return `the file was changed after it was signed${first ? `: ${first}` : ''}`;
  if (report.signatures.some((s) => !s.trusted)) return `the signature is intact, but the signer is not trusted${first ? `: ${first}` : ''}`;
  return first ?? 'the signature is not valid';
};

/**
 * Checks an uploaded PDF (public, no login): every signature by itself (byte range, digest,
 * CMS, chain to the office's trust anchors, timestamp), then the register: the exact SHA-256 of
 * a letter the office issued names it (`knownLetter`). Never valid for a file that differs from
 * what was signed. Register hits are audited (see auditVerification).
 */
export const verifyFile = async (deps: AppDeps, pdf: Uint8Array, ctx: VerificationContext) => {
  if (pdf.byteLength === 0) throw new AppError('bad_request', 'the file is empty', { errors: [{ field: 'file', message: 'empty file' }] });
  if (sniffMimeType(pdf.subarray(0, 16)) !== 'application/pdf') throw new AppError('unsupported_type', 'only a PDF can carry the signature checked here (decided by its contents, not its name)');
  const report = await deps.signing.verifier.verify(pdf, await trustAnchorCertificates(deps));
  const known = await deps.db.signedLetters.findBySha256(sha256Hex(pdf));
  const signatures = await Promise.all(
    report.signatures.map(async (s) => ({
      signer: s.signer ? { name: s.signer.commonName, serial: s.signer.serial, issuer: s.signer.issuer } : null,
      signedAt: s.signedAt?.toISOString() ?? null,
      intact: s.intact,
      coversWholeDocument: s.coversWholeDocument,
      trusted: s.trusted,
      timestamped: s.timestamped,
      problems: [...s.problems, ...(await recordProblems(deps, s, known !== null))],
    })),
  );
  const valid = report.valid && signatures.every((s) => s.problems.length === 0);
  if (known) await auditVerification(deps, ctx, known.letterId, 'file', valid);
  return {
    valid,
    modifiedAfterSigning: report.modifiedAfterSigning,
    signatures,
    ...(known ? { knownLetter: { letterNumber: known.letterNumber, subject: publicSubject(known), signer: { name: known.signerName, title: known.signerTitle }, signedAt: known.signedAt.toISOString() }, log: await letterInLog(deps, known.sha256) } : {}),
    ...(valid ? {} : { reason: reasonOf({ signatures, modifiedAfterSigning: report.modifiedAfterSigning }) }),
  };
};
