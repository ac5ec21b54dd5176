import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { CertificateUnusableError } from '../../domain/signing/errors.ts';
import { isSigningKeyUsage, validityProblem } from '../../domain/signing/certificate-validity.ts';
import type { AppDeps } from '../deps.ts';
import { certificateHolder, checkPin, normaliseNip } from './certificate-holder.ts';
import { recordCertificate } from './issue-certificate.ts';
import { requireSigningAdmin } from './office-ca.ts';
import { proveCredential } from './trial-signature.ts';

export interface ImportInput {
  p12: Uint8Array;
  /** The PKCS#12 file's password, as the provider gave it; used once, never kept. */
  passphrase: string;
  pin: string;
  title?: string | undefined;
  nip?: string | undefined;
}

/**
 * Imports an official's certificate and key from a licensed provider's PKCS#12 (admin). The
 * certificate must be a signing certificate, valid now, and lead to a root the office trusts
 * (proved by a test signature); the key is then kept only locked under the official's PIN.
 */
export const importCertificate = async (deps: AppDeps, actor: Actor, userId: string, input: ImportInput) => {
  requireSigningAdmin(actor);
  checkPin(input.pin);
  const nip = normaliseNip(input.nip);
  const user = await certificateHolder(deps, userId);
  const credential = await deps.signing.ca.readPkcs12(input.p12, input.passphrase);
  const info = deps.signing.ca.describe(credential.certificate);
  if (info.isCa || !isSigningKeyUsage(info.keyUsage))
    throw new CertificateUnusableError('not-for-signing', `the certificate of ${info.commonName} is not meant for signatures`);
  const now = deps.clock.now();
  const problem = validityProblem(info, now);
  if (problem) throw new CertificateUnusableError(problem.reason, problem.detail);
  if (credential.chain.length > 8) throw new AppError('invalid', 'the PKCS#12 carries too long a certificate chain');
  await proveCredential(deps, credential, now);
  return recordCertificate(deps, actor, user, credential, {
    source: 'imported',
    lockedKey: await deps.signing.ca.lockKey(credential.privateKey, input.pin),
    title: input.title ?? info.title,
    nip: nip ?? info.nip,
  });
};
