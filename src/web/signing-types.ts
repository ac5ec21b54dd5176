/**
 * The signing administration's shapes as the UI reads them (src/app/signing: office-ca.ts,
 * certificate-holder.ts, trust-anchors.ts). Apart from types.ts, which holds the rest of the API.
 */
import type * as Api from './api-types.generated.ts';

/** The office's own root: its certificate only, never its key. */
export type OfficeCa = Api.OfficeCa;

export type CertificateStatus = Api.SigningCertificate['status'];

/** An official's signing certificate; `office` ones the office CA issued, `imported` ones came from a provider's PKCS#12; `remote` ones sign at a provider's signing service. */
export type SigningCertificate = Api.SigningCertificate;

/** A root signatures may lead to: the office root (`office`) or one an admin added (a PSrE, a TSA). */
export type TrustAnchor = Api.TrustAnchor;

export type TrustAnchorsAdded = Api.TrustAnchorsAdded;
