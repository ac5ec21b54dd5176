/**
 * The signing administration's shapes as the UI reads them (src/app/signing: office-ca.ts,
 * certificate-holder.ts, trust-anchors.ts). Apart from types.ts, which holds the rest of the API.
 */

/** The office's own root: its certificate only, never its key. */
export interface OfficeCa {
  subject: string;
  commonName: string;
  serial: string;
  sha256: string;
  notBefore: string;
  notAfter: string;
  createdAt: string;
  pem: string;
}

export type CertificateStatus = 'active' | 'expired' | 'not_yet_valid' | 'revoked' | 'replaced';

/** An official's signing certificate; `office` ones the office CA issued, `imported` ones came from a provider's PKCS#12; `remote` ones sign at a provider's signing service. */
export interface SigningCertificate {
  id: string;
  userId: string;
  status: CertificateStatus;
  source: 'office' | 'imported' | 'remote';
  serial: string;
  commonName: string;
  title: string | null;
  nip: string | null;
  issuer: string;
  sha256: string;
  notBefore: string;
  notAfter: string;
  createdAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

/** A root signatures may lead to: the office root (`office`) or one an admin added (a PSrE, a TSA). */
export interface TrustAnchor {
  sha256: string;
  subject: string;
  notAfter: string;
  office: boolean;
  addedAt?: string;
}

export interface TrustAnchorsAdded {
  added: TrustAnchor[];
  alreadyTrusted: number;
}
