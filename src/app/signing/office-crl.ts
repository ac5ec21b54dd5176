/**
 * The office CA's certificate revocation list, published at the address every certificate it
 * issues names (its CRL Distribution Point), so a PDF reader or any other office learns that an
 * official's certificate was revoked without asking Naskah's own verifier.
 *
 * Every process makes the same CRL from the same database, with no state of its own: thisUpdate is
 * the later of today's start (UTC) and the last revocation, the CRL number is thisUpdate in
 * seconds (it only grows), and nextUpdate is two days after today's start, so a fetched CRL is
 * always good for at least a day. A process keeps the one it made until that changes.
 */
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { openOfficeCa } from './office-ca.ts';

const DAY = 24 * 3600_000;

/** The path relative to the public URL; certificates carry `${publicUrl}${CRL_PATH}`. */
export const CRL_PATH = '/api/v1/signing/crl';

export const crlUrlOf = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}${CRL_PATH}`;

export interface PublishedCrl {
  der: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date;
}

let made: { key: string; crl: PublishedCrl } | null = null;

/** `GET /api/v1/signing/crl` (public): the CRL as DER. 404 before the office has a CA. */
export const officeCrl = async (deps: AppDeps): Promise<PublishedCrl> => {
  const ca = await deps.db.certificates.officeCa();
  if (!ca) throw new AppError('not_found', 'the office has no certificate authority, so no revocation list');
  const entries = await deps.db.certificates.revoked('office');
  const dayStart = Math.floor(deps.clock.now().getTime() / DAY) * DAY;
  const lastRevocation = Math.max(0, ...entries.map((e) => e.revokedAt.getTime()));
  // Whole seconds: what the CRL can state, and what makes two processes' CRLs the same bytes.
  const thisUpdate = new Date(Math.floor(Math.max(dayStart, lastRevocation) / 1000) * 1000);
  const nextUpdate = new Date(dayStart + 2 * DAY);
  const key = `${ca.sha256}|${thisUpdate.getTime()}|${entries.length}`;
  if (made?.key === key) return made.crl;
  const issuer = await openOfficeCa(deps, ca);
  const der = deps.signing.ca.issueCrl(issuer, { entries, thisUpdate, nextUpdate, number: thisUpdate.getTime() / 1000 });
  made = { key, crl: { der, thisUpdate, nextUpdate } };
  return made.crl;
};
