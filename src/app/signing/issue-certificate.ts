import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { CertificateDer } from '../../ports/pdf-signing.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { CertificateSource, SigningCertificateRecord } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { certificateHolder, checkPin, normaliseNip, presentCertificate } from './certificate-holder.ts';
import { crlUrlOf } from './office-crl.ts';
import { BACKDATE_MS, ensureOfficeCa, officeName, openOfficeCa, requireSigningAdmin } from './office-ca.ts';

const DAY = 24 * 3600_000;
const AUDIT_ACTION: Record<CertificateSource, string> = {
  office: 'admin.certificate_issue',
  imported: 'admin.certificate_import',
  remote: 'signing.certificate_from_provider',
};
/** Officials' certificates run two years; a new one replaces the old (a promotion changes the title anyway). */
const CERTIFICATE_DAYS = 730;

export interface IssueInput {
  pin: string;
  title?: string | undefined;
  nip?: string | undefined;
}

/**
 * Makes `credential` (its key already locked, or none for a key a provider holds) the official's current certificate
 * (the one before is replaced, not revoked: letters it signed stay valid), with its audit entry,
 * in one transaction (which also closes an admin's open request for one). No secret (PIN, key, passphrase) goes into the audit details.
 */
export const recordCertificate = async (
  deps: AppDeps,
  actor: Actor,
  user: UserRecord,
  credential: { certificate: CertificateDer; chain: CertificateDer[] },
  o: { source: CertificateSource; lockedKey: string; title: string | null; nip: string | null; action?: string },
) => {
  const info = deps.signing.ca.describe(credential.certificate);
  const now = deps.clock.now();
  const record: SigningCertificateRecord = {
    id: randomUUID(),
    userId: user.id,
    source: o.source,
    // Column sizes: a provider's certificate may carry longer names than any letter prints.
    serial: info.serial.slice(0, 64),
    issuer: info.issuer.slice(0, 500),
    sha256: info.sha256,
    commonName: info.commonName.slice(0, 300),
    title: o.title?.slice(0, 300) ?? null,
    nip: o.nip,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    certificate: credential.certificate,
    chain: credential.chain,
    lockedKey: o.lockedKey,
    current: true,
    revokedAt: null,
    revokedBy: null,
    revocationReason: null,
    createdBy: actor.id,
    createdAt: now,
  };
  await deps.db.transaction(async (tx) => {
    const before = await tx.certificates.currentOf(user.id);
    await tx.certificates.addCurrent(record).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'conflict')
        throw new AppError('conflict', 'this certificate is on record already, or another certificate was just made for this user');
      throw e;
    });
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: o.action ?? AUDIT_ACTION[o.source],
      targetType: 'user',
      targetId: user.id,
      details: {
        certificateId: record.id,
        serial: record.serial,
        sha256: record.sha256,
        issuer: record.issuer,
        notAfter: record.notAfter.toISOString(),
        replaced: before?.id ?? null,
      },
    });
    // An admin's request for this official's certificate is answered by any new one.
    if (user.certificateRequestedAt) await tx.users.update(user.id, { certificateRequestedAt: null });
  });
  return presentCertificate(deps, record);
};

/**
 * The office CA issues an official a signing certificate (admin): a fresh RSA key, the
 * official's name, title (jabatan) and NIP, two years (never past the root's own end); the key
 * is kept only locked under their PIN. The office root is made on this first need. The title and
 * NIP default to those on the official's profile.
 */
export const issueCertificate = async (deps: AppDeps, actor: Actor, userId: string, input: IssueInput) => {
  requireSigningAdmin(actor);
  checkPin(input.pin);
  const nip = normaliseNip(input.nip) ?? null;
  const user = await certificateHolder(deps, userId);
  return issueFromOfficeCa(deps, actor, user, { pin: input.pin, title: input.title ?? user.jabatan, nip: nip ?? user.nip });
};

/** Issues `user` a certificate from the office CA, its key locked under `pin` (checked by the caller). */
export const issueFromOfficeCa = async (
  deps: AppDeps,
  actor: Actor,
  user: UserRecord,
  o: { pin: string; title: string | null; nip: string | null; action?: string },
) => {
  const { ca } = await ensureOfficeCa(deps, actor);
  const issuer = await openOfficeCa(deps, ca);
  const now = deps.clock.now().getTime();
  const notAfter = new Date(Math.min(now + CERTIFICATE_DAYS * DAY, ca.notAfter.getTime() - DAY));
  const credential = await deps.signing.ca.issue(issuer, {
    subject: { name: user.name, title: o.title, nip: o.nip, organization: await officeName(deps) },
    notBefore: new Date(now - BACKDATE_MS),
    notAfter,
    // Readers and other offices learn of a revocation from the list published there.
    crlUrl: crlUrlOf(deps.publicUrl),
  });
  return recordCertificate(deps, actor, user, credential, {
    source: 'office',
    lockedKey: await deps.signing.ca.lockKey(credential.privateKey, o.pin),
    title: o.title,
    nip: o.nip,
    ...(o.action ? { action: o.action } : {}),
  });
};
