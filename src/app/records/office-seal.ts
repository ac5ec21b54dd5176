import { AppError } from '../../domain/errors.ts';
import type { SigningCredential } from '../../ports/pdf-signing.ts';
import type { SealRecord } from '../../ports/records-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { BACKDATE_MS, ensureOfficeCa, officeName, openOfficeCa } from '../signing/office-ca.ts';

const DAY = 24 * 3600_000;
/** A seal runs two years and is renewed a month before it ends. */
const SEAL_DAYS = 730;
const RENEW_DAYS = 30;

/** The title printed under the seal's name on minutes. */
export const SEAL_TITLE = 'Segel elektronik kantor';

/**
 * The office seal (segel elektronik): a certificate the office CA issues to the office itself,
 * for signing what the office as a whole attests, such as the minutes of a disposal or a
 * transfer. Its key is locked under the installation's CA secret, like the CA's own (no person's
 * PIN is involved: the minutes are made by the system when an approved act is carried out).
 * Made on first need and renewed before it ends; two processes making one at once: one wins.
 */
export const officeSeal = async (deps: AppDeps): Promise<{ seal: SealRecord; credential: SigningCredential }> => {
  const now = deps.clock.now();
  let seal = await deps.db.seals.current();
  if (!seal || seal.notAfter.getTime() - now.getTime() < RENEW_DAYS * DAY) {
    const { ca } = await ensureOfficeCa(deps, null);
    const office = await officeName(deps);
    const notAfter = new Date(Math.min(now.getTime() + SEAL_DAYS * DAY, ca.notAfter.getTime() - DAY));
    const made = await deps.signing.ca.issue(await openOfficeCa(deps, ca), {
      subject: { name: `Segel ${office}`.slice(0, 64), organization: office.slice(0, 64) },
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter,
    });
    const info = deps.signing.ca.describe(made.certificate);
    const fresh: SealRecord = {
      serial: info.serial,
      certificate: made.certificate,
      chain: made.chain,
      lockedKey: await deps.signing.ca.lockKey(made.privateKey, deps.caKeySecret),
      commonName: info.commonName,
      notAfter: info.notAfter,
      createdAt: now,
    };
    try {
      await deps.db.transaction(async (tx) => {
        await tx.seals.add(fresh);
        await tx.audit.append({
          at: now,
          actorId: null,
          action: 'admin.seal_issue',
          targetType: 'seal',
          targetId: fresh.serial,
          details: { commonName: fresh.commonName, notAfter: fresh.notAfter.toISOString() },
        });
      });
      return { seal: fresh, credential: made };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict')) throw e;
      seal = await deps.db.seals.current();
      if (!seal) throw e;
    }
  }
  return {
    seal,
    credential: { privateKey: await deps.signing.ca.unlockKey(seal.lockedKey, deps.caKeySecret), certificate: seal.certificate, chain: seal.chain },
  };
};
