import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import type { SigningCredential } from '../../ports/pdf-signing.ts';
import type { OfficeCaRecord } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';

const HOUR = 3600_000;
const YEAR = 365 * 24 * HOUR;
/** An office root outlives many officials' certificates; it is replaced by hand, if ever. */
const ROOT_YEARS = 20;
/** Validity starts a little in the past, so a clock a few minutes behind still accepts it. */
export const BACKDATE_MS = HOUR;

/** Signing administration (the CA, trusted roots, officials' certificates) is for admins. */
export const requireSigningAdmin = (actor: Actor): void => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden', 'only an admin manages signing certificates and trusted roots');
};

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The office's name as its root unit (ORG) is called: what certificates name as the organisation. */
export const officeName = async (deps: AppDeps): Promise<string> => {
  const units = await deps.db.units.all();
  const roots = units.filter((u) => !u.parentCode || !units.some((p) => p.code === u.parentCode));
  const root = roots.find((u) => u.code === 'ORG') ?? roots.sort((a, b) => a.code.localeCompare(b.code))[0];
  return root?.name ?? 'Naskah';
};

/**
 * The office root, made on first need: a fresh RSA key and a self-signed CA certificate named
 * after the office, its key locked under the installation's CA secret (never stored in the
 * clear, never logged or returned). Two processes making it at once: one row wins, the other
 * uses it. `created` tells whether this call made it.
 */
export const ensureOfficeCa = async (deps: AppDeps, actor: Actor | null): Promise<{ ca: OfficeCaRecord; created: boolean }> => {
  const existing = await deps.db.certificates.officeCa();
  if (existing) return { ca: existing, created: false };
  const now = deps.clock.now();
  const office = await officeName(deps);
  const root = await deps.signing.ca.createRoot({
    subject: { name: `CA Naskah ${office}`.slice(0, 64), organization: office.slice(0, 64) },
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + ROOT_YEARS * YEAR),
  });
  const info = deps.signing.ca.describe(root.certificate);
  const ca: OfficeCaRecord = {
    certificate: root.certificate,
    lockedKey: await deps.signing.ca.lockKey(root.privateKey, deps.caKeySecret),
    serial: info.serial,
    sha256: info.sha256,
    subject: info.subject.slice(0, 500),
    notAfter: info.notAfter,
    createdBy: actor?.id ?? null,
    createdAt: now,
  };
  try {
    await deps.db.transaction(async (tx) => {
      await tx.certificates.createOfficeCa(ca);
      await tx.audit.append({
        at: now,
        actorId: actor?.id ?? null,
        action: 'admin.signing_ca_create',
        targetType: 'signing_ca',
        targetId: ca.serial,
        details: { subject: ca.subject, sha256: ca.sha256, notAfter: ca.notAfter.toISOString() },
      });
    });
    return { ca, created: true };
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'conflict')) throw e;
    const winner = await deps.db.certificates.officeCa();
    if (!winner) throw e;
    return { ca: winner, created: false };
  }
};

/** The office root with its key opened, to issue a certificate. */
export const openOfficeCa = async (deps: AppDeps, ca: OfficeCaRecord): Promise<SigningCredential> => {
  try {
    return { privateKey: await deps.signing.ca.unlockKey(ca.lockedKey, deps.caKeySecret), certificate: ca.certificate, chain: [] };
  } catch (e) {
    if (e instanceof AppError && e.code === 'forbidden') {
      throw new AppError(
        'unavailable',
        "the office CA key cannot be opened with this server's CA secret: every process must have the same CA_KEY_PASSPHRASE (or DATA_DIR/secrets)",
        { cause: e },
      );
    }
    throw e;
  }
};

/** What the API shows of the office root: the certificate (public), never its key. */
export const presentOfficeCa = (deps: AppDeps, ca: OfficeCaRecord) => {
  const info = deps.signing.ca.describe(ca.certificate);
  return {
    subject: info.subject,
    commonName: info.commonName,
    serial: info.serial,
    sha256: info.sha256,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    createdAt: ca.createdAt.toISOString(),
    pem: deps.signing.ca.toPem(ca.certificate),
  };
};

/** `POST /signing/ca`: makes the office root now (admin); 200 with the existing one when it is there. */
export const createOfficeCa = async (deps: AppDeps, actor: Actor) => {
  requireSigningAdmin(actor);
  const { ca, created } = await ensureOfficeCa(deps, actor);
  return { created, ca: presentOfficeCa(deps, ca) };
};

/** `GET /signing/ca`: the office root certificate, for anyone logged in (readers install it to trust letters). */
export const getOfficeCa = async (deps: AppDeps) => {
  const ca = await deps.db.certificates.officeCa();
  if (!ca)
    throw new AppError('not_found', 'the office has no certificate authority yet: an admin creates it (POST /api/v1/signing/ca) or issues a first certificate');
  return presentOfficeCa(deps, ca);
};
