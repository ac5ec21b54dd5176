import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { raiseIntegrityAlarm } from '../records/integrity-alarm.ts';
import { securityRank, type SecurityLevel } from '../../domain/security-level.ts';
import type { SignedLetterRecord } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { auditVerification, type VerificationContext } from './verification-audit.ts';
import { letterInLog } from '../public-log/letter-in-log.ts';

/** A verification code as printed: 24 of A–Z and 2–7 (case does not matter when typed). */
export const VERIFICATION_CODE = /^[A-Za-z2-7]{24}$/;

/** The subject of a rahasia or sangat_rahasia letter is not shown to the public, even with its code. */
export const publicSubject = (r: Pick<SignedLetterRecord, 'subject' | 'securityLevel'>): string | null =>
  securityRank(r.securityLevel as SecurityLevel) >= securityRank('rahasia') ? null : r.subject;

/**
 * Whether the office's stored copy of a signed letter still has the SHA-256 it was issued
 * with (hashed on every check; letters are small). A copy lawfully destroyed by a disposal is
 * not held against the letter: the register still attests it. A changed or missing copy raises
 * the integrity alarm.
 */
const storedCopyIntact = async (deps: AppDeps, documentId: string, sha256: string): Promise<boolean> => {
  const doc = await deps.db.documents.findById(documentId);
  if (!doc || doc.storageKey === '') return true;
  const hash = createHash('sha256');
  try {
    for await (const chunk of await deps.blobs.get(doc.storageKey)) hash.update(chunk as Buffer);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'not_found')) throw e;
    await raiseIntegrityAlarm(deps, documentId, 'missing', { kind: 'read', id: deps.clock.now().toISOString().slice(0, 10) });
    return false;
  }
  if (hash.digest('hex') === sha256) return true;
  await raiseIntegrityAlarm(deps, documentId, 'mismatch', { kind: 'read', id: deps.clock.now().toISOString().slice(0, 10) });
  return false;
};

/**
 * What the QR code's page says (public, no login): is this a letter the office signed, and
 * what was it. Valid while its letter stands signed with this very document and the signer's
 * certificate was not revoked at or before the signing. A certificate revoked later does not
 * undo letters signed before (reported as `certificateRevokedAt`). Unknown codes are a 404 and
 * are not audited; known ones are (see auditVerification).
 */
export const verifyByCode = async (deps: AppDeps, rawCode: string, ctx: VerificationContext, log: { cosignatures?: number } = {}) => {
  if (!VERIFICATION_CODE.test(rawCode)) throw new AppError('not_found', 'no letter was signed with this verification code', { members: { valid: false } });
  const rec = await deps.db.signedLetters.findByCode(rawCode.toUpperCase());
  if (!rec) throw new AppError('not_found', 'no letter was signed with this verification code', { members: { valid: false } });
  const [cert, letter] = await Promise.all([deps.db.certificates.findById(rec.certificateId), deps.db.outgoing.findById(rec.letterId)]);
  const revokedAt = cert?.revokedAt ?? null;
  // Minutes of a disposal or a transfer are sealed by the office and kept for good; a letter stands while it stays signed.
  const minutes = rec.subjectType === 'disposal' || rec.subjectType === 'transfer';
  let reason: string | null = null;
  if (revokedAt && revokedAt.getTime() <= rec.signedAt.getTime()) reason = "the signer's certificate had been revoked when the letter was signed";
  else if (!minutes && (letter?.status !== 'signed' || letter.signedDocumentId !== rec.documentId))
    reason = 'the office no longer stands by this signed letter';
  else if (!(await storedCopyIntact(deps, rec.documentId, rec.sha256)))
    reason = "the office's stored copy of this letter changed since it was signed; the office has been told";
  const valid = reason === null;
  await auditVerification(deps, ctx, rec.letterId, 'code', valid);
  return {
    valid,
    letterNumber: rec.letterNumber,
    subject: publicSubject(rec),
    subjectWithheld: publicSubject(rec) === null,
    signer: { name: rec.signerName, title: rec.signerTitle },
    signedAt: rec.signedAt.toISOString(),
    sha256: rec.sha256,
    timestamped: rec.timestamped,
    log: await letterInLog(deps, rec.sha256, log),
    ...(revokedAt && valid ? { certificateRevokedAt: revokedAt.toISOString() } : {}),
    ...(reason ? { reason } : {}),
  };
};
