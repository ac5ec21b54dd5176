import type { CertificateDer } from '../../ports/pdf-signing.ts';
import type { AppDeps } from '../deps.ts';
import { officeCrl } from './office-crl.ts';

/**
 * The revocation lists a signed letter carries inside its signature for long-term validation
 * (PAdES B-LT; the chain is in the signature already): the office CA's current CRL when the
 * office issued the certificate. For a certificate imported from a licensed provider Naskah
 * keeps no CRL of the provider (it fetches nothing at signing time), so none is embedded and
 * the letter's verification says so (`ltv: false`).
 *
 * Read before signing, outside any transaction: the list is a signed attribute, so it must be
 * there before the digest is signed, and making it reads the database and opens the CA key,
 * which the signing transaction (holding the letter-number counter) should not wait for.
 */
export const revocationListsFor = async (deps: AppDeps, credential: { chain: CertificateDer[] }): Promise<Uint8Array[]> => {
  const ca = await deps.db.certificates.officeCa();
  const issuer = credential.chain[0];
  const officeIssued = !!ca && !!issuer && Buffer.from(issuer).equals(Buffer.from(ca.certificate));
  return officeIssued ? [(await officeCrl(deps)).der] : [];
};
