/**
 * When a certificate may sign: inside its validity period, not revoked, and (for the signer
 * itself) with a key usage meant for signatures. Pure: the caller supplies the time.
 */
import { CertificateUnusableError } from './errors.ts';

export interface ValidityFacts {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** When the office or provider revoked it; null/absent when it stands. */
  revokedAt?: Date | null;
  keyUsage?: readonly string[];
}

/** Why `cert` cannot be used at `at`, or null when it can. Bounds are inclusive (RFC 5280). */
export const validityProblem = (cert: ValidityFacts, at: Date): { reason: 'expired' | 'not-yet-valid' | 'revoked'; detail: string } | null => {
  const t = at.getTime();
  if (cert.revokedAt && cert.revokedAt.getTime() <= t)
    return { reason: 'revoked', detail: `the certificate of ${cert.commonName} was revoked on ${cert.revokedAt.toISOString()}` };
  if (t < cert.notBefore.getTime())
    return { reason: 'not-yet-valid', detail: `the certificate of ${cert.commonName} is valid only from ${cert.notBefore.toISOString()}` };
  if (t > cert.notAfter.getTime()) return { reason: 'expired', detail: `the certificate of ${cert.commonName} expired on ${cert.notAfter.toISOString()}` };
  return null;
};

/** A signer certificate must allow digitalSignature or nonRepudiation (when it states key usage at all). */
export const isSigningKeyUsage = (keyUsage: readonly string[] | undefined): boolean =>
  !keyUsage || keyUsage.length === 0 || keyUsage.includes('digitalSignature') || keyUsage.includes('nonRepudiation');

/**
 * Throws CertificateUnusableError unless the signer certificate and every issuer above it are
 * usable at `at` and the signer's key usage allows signing.
 */
export const assertCanSign = (signer: ValidityFacts, issuers: readonly ValidityFacts[], at: Date): void => {
  if (!isSigningKeyUsage(signer.keyUsage))
    throw new CertificateUnusableError('not-for-signing', `the certificate of ${signer.commonName} is not meant for signatures`);
  for (const cert of [signer, ...issuers]) {
    const p = validityProblem(cert, at);
    if (p) throw new CertificateUnusableError(p.reason, p.detail);
  }
};
