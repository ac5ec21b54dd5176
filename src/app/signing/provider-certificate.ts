import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { recordCertificate } from './issue-certificate.ts';

/**
 * For an official whose key a provider's signing service holds (configuration decides who):
 * the certificate the service names now becomes their current certificate row, before they
 * sign, so the signing rules, the register, the public log and revocation treat it like any
 * other (source `remote`, no key kept). A row already on record decides by itself: the current
 * one is used, a revoked one stays revoked (usableCertificate says so), one replaced here since
 * is a 409 naming the two ways out. Nothing happens for an
 * official whose key is kept here. The service down: AppError `unavailable`, nothing recorded.
 */
export const recordProviderCertificate = async (deps: AppDeps, actor: Actor, user: UserRecord): Promise<void> => {
  const chain = await deps.signing.keys.externalCertificates({ userId: user.id, username: user.username });
  if (!chain?.[0]) return;
  const [certificate, ...issuers] = chain as [Uint8Array, ...Uint8Array[]];
  const info = deps.signing.ca.describe(certificate);
  const known = (await deps.db.certificates.listOf(user.id)).find((c) => c.sha256 === info.sha256);
  if (known && (known.current || known.revokedAt)) return;
  // Replaced here by a certificate this office issued or imported since: which key signs is unclear, so nobody guesses.
  if (known) {
    throw new AppError(
      'conflict',
      "your current certificate here is not the one your provider's signing service holds: an admin either takes you off REMOTE_SIGNER_USERS or revokes the certificate here",
      { problemType: 'certificate-mismatch' },
    );
  }
  await recordCertificate(deps, actor, user, { certificate, chain: issuers }, { source: 'remote', lockedKey: '', title: info.title, nip: info.nip });
};
