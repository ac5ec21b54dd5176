import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { CertificateDer } from '../../ports/pdf-signing.ts';
import type { TrustAnchorRecord } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { requireSigningAdmin } from './office-ca.ts';

const MAX_PER_REQUEST = 10;

/**
 * The roots a signature must chain to: the office root plus every root an admin added (a PSrE
 * such as BSrE for imported certificates, the timestamp authority's root when TSA_URL is set).
 */
export const trustAnchorCertificates = async (deps: AppDeps): Promise<CertificateDer[]> => {
  const [ca, anchors] = await Promise.all([deps.db.certificates.officeCa(), deps.db.certificates.trustAnchors()]);
  return [...(ca ? [ca.certificate] : []), ...anchors.map((a) => a.certificate)];
};

const presentAnchor = (a: TrustAnchorRecord) => ({
  sha256: a.sha256,
  subject: a.subject,
  notAfter: a.notAfter.toISOString(),
  addedBy: a.addedBy,
  addedAt: a.addedAt.toISOString(),
});

/** Roots trusted besides the office root, and the office root itself (marked `office`). */
export const listTrustAnchors = async (deps: AppDeps, actor: Actor) => {
  requireSigningAdmin(actor);
  const [ca, anchors] = await Promise.all([deps.db.certificates.officeCa(), deps.db.certificates.trustAnchors()]);
  return {
    items: [
      ...(ca ? [{ sha256: ca.sha256, subject: ca.subject, notAfter: ca.notAfter.toISOString(), office: true }] : []),
      ...anchors.map((a) => ({ ...presentAnchor(a), office: false })),
    ],
  };
};

/**
 * Trusts the CA certificates in a PEM text (one or a bundle). Only CA certificates still valid
 * are accepted: a leaf or an expired root would trust nothing useful. Each root added is an
 * audit entry in the same transaction; one already trusted is left as it is.
 */
export const addTrustAnchors = async (deps: AppDeps, actor: Actor, pem: string) => {
  requireSigningAdmin(actor);
  let ders: CertificateDer[];
  try {
    ders = deps.signing.ca.fromPem(pem);
  } catch {
    ders = [];
  }
  if (ders.length === 0)
    throw new AppError('invalid', 'no certificate found: send PEM text ("-----BEGIN CERTIFICATE-----")', {
      errors: [{ field: 'pem', message: 'no certificate', code: 'no_certificate' }],
    });
  if (ders.length > MAX_PER_REQUEST)
    throw new AppError('invalid', `at most ${MAX_PER_REQUEST} certificates at once`, {
      errors: [{ field: 'pem', message: 'too many certificates', code: 'too_big', origin: 'array', limit: MAX_PER_REQUEST }],
    });
  const now = deps.clock.now();
  const records = ders.map((der, i): TrustAnchorRecord => {
    const info = deps.signing.ca.describe(der);
    const field = `pem.${i}`;
    if (!info.isCa)
      throw new AppError('invalid', `"${info.commonName}" is not a CA certificate`, { errors: [{ field, message: 'not a CA certificate', code: 'not_ca' }] });
    if (info.notAfter.getTime() < now.getTime())
      throw new AppError('invalid', `"${info.commonName}" expired on ${info.notAfter.toISOString()}`, {
        errors: [{ field, message: 'expired', code: 'certificate_expired' }],
      });
    return { sha256: info.sha256, certificate: der, subject: info.subject.slice(0, 500), notAfter: info.notAfter, addedBy: actor.id, addedAt: now };
  });
  const added = await deps.db.transaction(async (tx) => {
    const fresh: TrustAnchorRecord[] = [];
    for (const r of records) {
      if (!(await tx.certificates.addTrustAnchor(r))) continue;
      fresh.push(r);
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'admin.trust_anchor_add',
        targetType: 'trust_anchor',
        targetId: r.sha256,
        details: { subject: r.subject, notAfter: r.notAfter.toISOString() },
      });
    }
    return fresh;
  });
  return { added: added.map(presentAnchor), alreadyTrusted: records.length - added.length };
};

/** Stops trusting a root an admin added (the office root cannot be removed this way). */
export const removeTrustAnchor = async (deps: AppDeps, actor: Actor, sha256: string) => {
  requireSigningAdmin(actor);
  await deps.db.transaction(async (tx) => {
    if (!(await tx.certificates.removeTrustAnchor(sha256))) throw new AppError('not_found', 'no such trusted root (the office root is not removed this way)');
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'admin.trust_anchor_remove',
      targetType: 'trust_anchor',
      targetId: sha256,
      details: {},
    });
  });
};
