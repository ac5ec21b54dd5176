import { AppError } from '../../domain/errors.ts';
import { compactNip, nipProblem } from '../../domain/people.ts';
import { hasRole } from '../../domain/roles.ts';
import type { CertificateDer } from '../../ports/pdf-signing.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { SigningCertificateRecord } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';

export const PIN_MIN = 6;
export const PIN_MAX = 64;

/**
 * What is wrong with a signing PIN (null: nothing). Its length and the key-derivation cost
 * protect the key at rest; the back-off and the second factor protect it online. The most
 * guessable PINs (one digit repeated, a run of digits) are refused.
 */
export const pinProblem = (pin: string): string | null => {
  const n = [...pin].length;
  if (n < PIN_MIN || n > PIN_MAX) return `${PIN_MIN}–${PIN_MAX} characters`;
  if (/^(.)\1+$/su.test(pin)) return 'not one character repeated';
  if ('01234567890123456789'.includes(pin) || '98765432109876543210'.includes(pin)) return 'not a run of digits';
  return null;
};

export const checkPin = (pin: string): void => {
  const problem = pinProblem(pin);
  if (problem)
    throw new AppError('invalid', `the PIN is not acceptable: ${problem}`, {
      problemType: 'pin-unacceptable',
      errors: [{ field: 'pin', message: problem, code: 'pin_unacceptable' }],
    });
};

/** NIP (Nomor Induk Pegawai): 18 digits (domain/people.ts); spaces as printed on ID cards are dropped. */
export const normaliseNip = (nip: string | undefined): string | undefined => {
  if (nip === undefined) return undefined;
  const digits = compactNip(nip);
  const problem = nipProblem(digits);
  if (problem)
    throw new AppError('invalid', `this is not a NIP: ${problem}`, {
      problemType: 'nip-invalid',
      errors: [{ field: 'nip', message: problem, code: 'nip_invalid' }],
    });
  return digits;
};

/** The user a certificate is for: an active official (only officials sign letters). */
export const certificateHolder = async (deps: AppDeps, userId: string): Promise<UserRecord> => {
  const user = await deps.db.users.findById(userId);
  if (!user) throw new AppError('not_found', 'no such user');
  if (!hasRole(user, 'official'))
    throw new AppError('invalid', 'only officials sign letters: give this user the official role first', {
      errors: [{ field: 'id', message: 'not an official', code: 'not_official' }],
    });
  if (user.disabled) throw new AppError('invalid', 'this user is disabled', { errors: [{ field: 'id', message: 'disabled', code: 'user_disabled' }] });
  return user;
};

export type CertificateStatus = 'active' | 'expired' | 'not_yet_valid' | 'revoked' | 'replaced';

export const certificateStatus = (c: SigningCertificateRecord, now: Date): CertificateStatus => {
  if (c.revokedAt) return 'revoked';
  if (!c.current) return 'replaced';
  if (now.getTime() > c.notAfter.getTime()) return 'expired';
  if (now.getTime() < c.notBefore.getTime()) return 'not_yet_valid';
  return 'active';
};

/** What the API shows of a signing certificate: the certificate itself (public), never the key. */
export const presentCertificate = (deps: AppDeps, c: SigningCertificateRecord) => ({
  id: c.id,
  userId: c.userId,
  status: certificateStatus(c, deps.clock.now()),
  source: c.source,
  serial: c.serial,
  commonName: c.commonName,
  title: c.title,
  nip: c.nip,
  issuer: c.issuer,
  sha256: c.sha256,
  notBefore: c.notBefore.toISOString(),
  notAfter: c.notAfter.toISOString(),
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
  revocationReason: c.revocationReason,
  pem: deps.signing.ca.toPem(c.certificate),
  chainPem: c.chain.map((d: CertificateDer) => deps.signing.ca.toPem(d)),
});
