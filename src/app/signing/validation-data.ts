import type { SigningCredential, ValidationData } from '../../ports/pdf-signing.ts';
import type { AppDeps } from '../deps.ts';
import { officeCrl } from './office-crl.ts';

/**
 * What a signed letter carries for long-term validation (PAdES B-LT): the signer's certificate
 * and chain, and the revocation list of its issuer as far as Naskah holds one. That is the
 * office CA's current CRL when the office issued the certificate; for a certificate imported
 * from a licensed provider Naskah keeps no CRL of the provider (it fetches nothing at signing
 * time), so none is embedded and the letter's verification says so (`ltv: false`).
 *
 * Read before signing, outside any transaction: making the CRL reads the database and opens the
 * CA key, which the signing transaction (holding the letter-number counter) should not wait for.
 */
export const validationDataFor = async (deps: AppDeps, credential: SigningCredential, at: Date): Promise<ValidationData> => {
  const ca = await deps.db.certificates.officeCa();
  const issuer = credential.chain[0];
  const officeIssued = !!ca && !!issuer && Buffer.from(issuer).equals(Buffer.from(ca.certificate));
  return { certificates: [credential.certificate, ...credential.chain], crls: officeIssued ? [(await officeCrl(deps)).der] : [], at };
};
