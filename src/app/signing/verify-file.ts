import { AppError } from '../../domain/errors.ts';
import { sniffMimeType } from '../../domain/file-types.ts';
import { verdict } from '../../domain/signing/verdict.ts';
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
    if (c.revokedAt && (!s.signedAt || c.revokedAt.getTime() <= s.signedAt.getTime()))
      problems.push(`the certificate of ${c.commonName} was revoked on ${c.revokedAt.toISOString()}, before this signature`);
    if (c.source === 'office' && !registered && s.intact && s.coversWholeDocument)
      problems.push('it is signed with a certificate of this office, but it is not a letter this office issued (not in its register)');
  }
  return problems;
};

/**
 * A certificate the office CA issued has its revocation status in our own records, as the QR
 * code's check uses it: when the file carries no revocation list covering an expired
 * certificate (a letter signed before the lists rode inside the signature), the records settle
 * it, provided the certificate was not revoked at or before the signing. An imported (provider)
 * certificate's status is the provider's to tell, so its expiry without embedded data stays a problem.
 */
const settledByRecords = async (deps: AppDeps, s: SignatureReport): Promise<boolean> => {
  if (!s.unprovenAfterExpiry || !s.signer || !s.signedAt) return false;
  const signedAt = s.signedAt.getTime();
  const ours = (await deps.db.certificates.findBySerial(s.signer.serial.toUpperCase())).filter((c) => c.issuer === s.signer!.issuer && c.source === 'office');
  return ours.length > 0 && ours.every((c) => !c.revokedAt || c.revokedAt.getTime() > signedAt);
};

const reasonOf = (report: {
  signatures: { intact: boolean; coversWholeDocument: boolean; trusted: boolean; problems: string[] }[];
  modifiedAfterSigning: boolean;
}): string => {
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
export const verifyFile = async (deps: AppDeps, pdf: Uint8Array, ctx: VerificationContext, log: { cosignatures?: number } = {}) => {
  if (pdf.byteLength === 0) throw new AppError('bad_request', 'the file is empty', { errors: [{ field: 'file', message: 'empty file', code: 'file_empty' }] });
  if (sniffMimeType(pdf.subarray(0, 16)) !== 'application/pdf')
    throw new AppError('unsupported_type', 'only a PDF can carry the signature checked here (decided by its contents, not its name)');
  const report = await deps.signing.verifier.verify(pdf, await trustAnchorCertificates(deps), { now: deps.clock.now() });
  const known = await deps.db.signedLetters.findBySha256(sha256Hex(pdf));
  const signatures = await Promise.all(
    report.signatures.map(async (s) => {
      const byRecords = await settledByRecords(deps, s);
      return {
        signer: s.signer ? { name: s.signer.commonName, serial: s.signer.serial, issuer: s.signer.issuer } : null,
        signedAt: s.signedAt?.toISOString() ?? null,
        intact: s.intact,
        coversWholeDocument: s.coversWholeDocument,
        trusted: s.trusted,
        timestamped: s.timestamped,
        // Long-term validation data (PAdES B-LT): the revocation data inside the signature, and whether it proves the chain's status at signing.
        ltv: s.ltv,
        validationData: s.validationData,
        // The office's own revocation records stood in for revocation data the file lacks.
        revocationFromRecords: byRecords,
        problems: [...s.problems.filter((p) => !byRecords || p !== s.unprovenAfterExpiry), ...(await recordProblems(deps, s, known !== null))],
      };
    }),
  );
  // Judged again on the problems left: the records may have settled what the file could not show.
  const valid = verdict(signatures).valid;
  if (known) await auditVerification(deps, ctx, known.letterId, 'file', valid);
  return {
    valid,
    modifiedAfterSigning: report.modifiedAfterSigning,
    signatures,
    ...(known
      ? {
          knownLetter: {
            letterNumber: known.letterNumber,
            subject: publicSubject(known),
            signer: { name: known.signerName, title: known.signerTitle },
            signedAt: known.signedAt.toISOString(),
          },
          log: await letterInLog(deps, known.sha256, log),
        }
      : {}),
    ...(valid ? {} : { reason: reasonOf({ signatures, modifiedAfterSigning: report.modifiedAfterSigning }) }),
  };
};
