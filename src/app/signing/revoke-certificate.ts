import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { presentCertificate } from './certificate-holder.ts';
import { requireSigningAdmin } from './office-ca.ts';

/**
 * Revokes an official's certificate (admin): their current one, or `certificateId` of theirs.
 * It can never sign again; letters it signed before stay valid, and verification reports any
 * signature dated after the revocation as not valid. Revoking twice is a 409.
 */
export const revokeCertificate = async (
  deps: AppDeps,
  actor: Actor,
  userId: string,
  input: { reason?: string | undefined; certificateId?: string | undefined },
) => {
  requireSigningAdmin(actor);
  if (!(await deps.db.users.findById(userId))) throw new AppError('not_found', 'no such user');
  const cert = input.certificateId ? await deps.db.certificates.findById(input.certificateId) : await deps.db.certificates.currentOf(userId);
  if (!cert || cert.userId !== userId)
    throw new AppError('not_found', input.certificateId ? 'this user has no such certificate' : 'this user has no current certificate');
  if (cert.revokedAt) throw new AppError('conflict', `the certificate was revoked on ${cert.revokedAt.toISOString()}`);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.certificates.revoke(cert.id, now, actor.id, input.reason ?? null)))
      throw new AppError('conflict', 'the certificate was revoked a moment ago');
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'admin.certificate_revoke',
      targetType: 'user',
      targetId: userId,
      details: { certificateId: cert.id, serial: cert.serial, reason: input.reason ?? null },
    });
  });
  return presentCertificate(deps, { ...cert, revokedAt: now, revokedBy: actor.id, revocationReason: input.reason ?? null, current: false });
};
