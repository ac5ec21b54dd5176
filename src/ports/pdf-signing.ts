/**
 * Electronic signatures (TTE) on outgoing letters: the certificates, the visible block, the
 * PAdES signature and its verification. Four ports, one flow:
 *
 *   LetterStamper.stamp(draft) → PdfSigner.sign(stamped, key) → PdfVerifier.verify(signed, anchors)
 *
 * What signs is a SigningKey (signing-key.ts): the PdfSigner never holds a private key.
 *
 * Certificates travel as DER bytes, keys as Node's own `KeyObject`; nothing here names a vendor.
 * Errors the caller may branch on are the AppError subclasses in domain/signing/errors.ts.
 * A private key never leaves these ports except locked (`lockKey`) or as a `KeyObject`: never
 * log one, never put one in a response.
 */
import type { KeyObject } from 'node:crypto';
import type { PageArea, TextSlot } from './letter-renderer.ts';
import type { SigningKey } from './signing-key.ts';

/** One X.509 certificate, DER-encoded. */
export type CertificateDer = Uint8Array;

/** A private key and the certificate chain that goes with it: what signs. */
export interface SigningCredential {
  /** RSA private key (2048 bits or more). */
  privateKey: KeyObject;
  /** The signer's own certificate. */
  certificate: CertificateDer;
  /** The issuers, nearest first, ending at the root; empty for a self-signed certificate. */
  chain: CertificateDer[];
}

/** Who a certificate names: the official, as written on the letter. */
export interface CertificateSubject {
  /** Full name with degrees, as printed (CN). */
  name: string;
  /** Jabatan (X.520 `title`); omitted when null. */
  title?: string | null;
  /** NIP (X.520 `serialNumber`); omitted when null. */
  nip?: string | null;
  /** The office (O). */
  organization: string;
}

export type KeyUsage = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign';

/** What a certificate says, for screens, storage rows and the signing rules. */
export interface CertificateInfo {
  commonName: string;
  title: string | null;
  nip: string | null;
  organization: string | null;
  /** The whole subject as "CN=…, O=…" (RFC 4514 order: most specific first). */
  subject: string;
  /** The issuer's common name (its whole DN when it has no CN). */
  issuer: string;
  /** Serial number, upper-case hex without separators. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA. */
  isCa: boolean;
  selfSigned: boolean;
  keyUsage: KeyUsage[];
  /** SHA-256 of the DER, lower-case hex: a stable id for the certificate. */
  sha256: string;
}

/**
 * The office's own certificate authority, PKCS#12 imports from a licensed provider (PSrE such as
 * BSrE), and keys kept at rest under a PIN. Keys are RSA-2048, signatures SHA-256, all in-process
 * (no external binaries).
 */
/** What a CRL lists and when it was made (see CertificateAuthority.issueCrl). */
export interface CrlInput {
  entries: { serial: string; revokedAt: Date }[];
  thisUpdate: Date;
  nextUpdate: Date;
  /** Increases with every new CRL of the issuer. */
  number: number;
}

export interface CertificateAuthority {
  /**
   * Makes an office root: a fresh RSA-2048 key and a self-signed CA certificate
   * (basicConstraints cA, keyUsage keyCertSign + cRLSign) valid from `notBefore` to `notAfter`.
   * `subject.title`/`nip` are usually left out for a root. The result's `chain` is empty.
   */
  createRoot(input: { subject: CertificateSubject; notBefore: Date; notAfter: Date }): Promise<SigningCredential>;

  /**
   * Issues an official's signing certificate under `issuer` (a root or intermediate from
   * createRoot or readPkcs12): a fresh RSA-2048 key, keyUsage digitalSignature + nonRepudiation,
   * not a CA, subject CN = name, title, serialNumber = NIP (when given), O = organization.
   * The result's `chain` is the issuer followed by the issuer's chain. Rejects with AppError
   * `invalid` when the validity falls outside the issuer's or the issuer is not a CA.
   */
  issue(issuer: SigningCredential, input: { subject: CertificateSubject; notBefore: Date; notAfter: Date; crlUrl?: string }): Promise<SigningCredential>;

  /**
   * A v2 CRL signed by `issuer` listing `entries` (serials in hex, as describe() gives them),
   * with thisUpdate, nextUpdate and a CRL number: what relying parties fetch from the CRL
   * Distribution Point (`crlUrl`) that issue() writes into each certificate. DER.
   */
  issueCrl(issuer: SigningCredential, input: CrlInput): Uint8Array;

  /**
   * Reads a PKCS#12 (.p12/.pfx) into key + certificate + chain: OpenSSL 3's default
   * (PBES2: PBKDF2 + AES-256-CBC, HMAC-SHA-256) and `-legacy` (RC2-40 / 3DES, HMAC-SHA-1)
   * both work. The certificate is the one matching the key; the chain is ordered from it up.
   * Rejects with Pkcs12Error (AppError `invalid`) on a wrong password or an unreadable file.
   */
  readPkcs12(p12: Uint8Array, password: string): Promise<SigningCredential>;

  /** Reads a certificate's fields. Throws AppError `invalid` when the bytes are not a certificate. */
  describe(certificate: CertificateDer): CertificateInfo;

  /** DER → PEM ("-----BEGIN CERTIFICATE-----"). */
  toPem(certificate: CertificateDer): string;

  /** Every certificate in a PEM text (a bundle gives several), as DER, in order. */
  fromPem(pem: string): CertificateDer[];

  /**
   * Encrypts a private key for storage under the official's PIN or passphrase: PKCS#8 sealed
   * with AES-256-GCM under a scrypt-derived key (random salt and nonce). Returns an opaque
   * ASCII string to store as is; slow on purpose (tens of milliseconds).
   */
  lockKey(privateKey: KeyObject, pin: string): Promise<string>;

  /** Opens what lockKey made. Rejects with WrongPinError when the PIN does not open it. */
  unlockKey(locked: string, pin: string): Promise<KeyObject>;
}

/** The visible signature block: display text, formatted by the caller (the stamper formats nothing). */
export interface SignatureStamp {
  /** The official's name as printed. */
  name: string;
  /** Jabatan. */
  title: string;
  /** NIP; the line is left out when null. */
  nip?: string | null;
  /** When it is signed, as printed, e.g. "5 Maret 2025" or "5 Maret 2025 10.14 WIB". */
  date: string;
  /** The letter's number. */
  letterNumber: string;
  /** The public verification code: the QR code encodes `<publicUrl>/verify/<verifyCode>`. */
  verifyCode: string;
}

export interface StampOptions {
  /** Where the block goes (RenderedLetter.signatureArea). Default: bottom right of the last page. */
  area?: PageArea;
  /**
   * Where to print the letter number (RenderedLetter.numberArea); not printed when omitted. With
   * a baseline and size (a TextSlot) it is written there in the letter's serif, as its label is.
   */
  numberArea?: PageArea | TextSlot;
}

/** A clean, stamped, not yet signed letter: the only input PdfSigner accepts. */
export interface StampedLetter {
  pdf: Uint8Array;
  pages: number;
  /** Where the block was drawn; the signature field's widget covers exactly this rectangle. */
  signatureArea: PageArea;
  /** What the QR code encodes. */
  verifyUrl: string;
}

/**
 * Rewrites any PDF as a clean new one and draws the visible signature block on it. The pages
 * are copied into a fresh document keeping only their contents, resources and boxes: no
 * JavaScript, OpenAction, additional actions, embedded files, forms, annotations, outlines or
 * earlier revisions survive. Then the block is drawn (QR code, "Ditandatangani secara
 * elektronik", name, title, NIP, date, number; DejaVu fonts embedded), and an empty signature
 * field is added whose widget covers the block. The output is one revision.
 */
export interface LetterStamper {
  /**
   * Rewrites and stamps `pdf`. Rejects with AppError `invalid` for an unreadable or encrypted
   * PDF, an area off the page, or text the fonts cannot print.
   */
  stamp(pdf: Uint8Array, stamp: SignatureStamp, options?: StampOptions): Promise<StampedLetter>;
}

export interface SignOptions {
  /** The signing time written as /M; default now. The certificates must be valid then. */
  signedAt?: Date;
  /** /Reason, /Location, /ContactInfo of the signature dictionary (optional, printable text). */
  reason?: string;
  location?: string;
  contactInfo?: string;
  /**
   * DER CRLs of the chain's issuers, fetched before signing, embedded in the signature itself
   * (CMS `crls` and the signed attribute adbe-revocationInfoArchival) so the letter stays
   * checkable after its certificate expires (PAdES B-LT) while remaining one revision.
   */
  crls?: Uint8Array[];
}

export interface SignedPdf {
  pdf: Uint8Array;
  /** SHA-256 of `pdf`, lower-case hex: what the registry records. */
  sha256: string;
  signedAt: Date;
  /** True when an RFC 3161 signature timestamp is embedded (a timestamp authority is configured). */
  timestamped: boolean;
}

/**
 * PAdES signing (ETSI.CAdES.detached): a detached CMS SignedData with the content-type,
 * message-digest and signing-certificate-v2 signed attributes, SHA-256 with RSA, the full chain,
 * and, when the adapter has a timestamp authority URL, an RFC 3161 signature timestamp (B-T).
 */
export interface PdfSigner {
  /**
   * Signs a letter the LetterStamper wrote, once: fills its empty signature field and returns a
   * single-revision PDF whose byte range covers the whole file.
   * Rejects with: AppError `invalid` (problemType `not-stamped`) when the PDF is not a
   * single-revision stamper output with exactly one empty signature field (it is never signed
   * twice); CertificateUnusableError when a certificate in the chain is expired or not yet valid
   * at `signedAt`, or the signer's certificate is not for signing; AppError `invalid` when the
   * key does not match the certificate (its signature is checked against the certificate);
   * whatever the key's own sign() rejects with (a refused secret, a service down); AppError `unavailable` (problemType
   * `timestamp-unavailable`) when the configured timestamp authority fails (no silent downgrade).
   */
  sign(stamped: StampedLetter, key: SigningKey, options?: SignOptions): Promise<SignedPdf>;
}

/** One signature as found in the file. */
export interface SignatureReport {
  /** From the CMS signer certificate; null when the signature cannot be read (empty, garbage). */
  signer: { commonName: string; serial: string; issuer: string } | null;
  /** The timestamp's time when timestamped, else the /M the signer claimed; null when absent. */
  signedAt: Date | null;
  /**
   * Nothing signed or signing changed: the byte range is well-formed with /Contents as its gap,
   * the digest matches, the CMS signature and signing-certificate-v2 verify, and the parts of
   * /Contents no signature covers (the CMS's unsigned fields, the timestamp token, the zero
   * padding) are exactly as a signer writes them. A DER-encoded CMS is required.
   */
  intact: boolean;
  /** The byte range starts at 0, its gap is exactly /Contents, and it reaches the end of the file. */
  coversWholeDocument: boolean;
  /** The signer's chain leads to one of the trust anchors and every certificate was valid at signedAt. */
  trusted: boolean;
  /**
   * An RFC 3161 signature timestamp is present, unaltered, over this signature value, and from a
   * timestamping certificate that chains to a trust anchor. (A damaged token makes the signature
   * not intact; an untrusted authority only adds a problem.)
   */
  timestamped: boolean;
  /**
   * Long-term validation data (PAdES B-LT) inside the signature: for every certificate on its
   * chain below the trusted root, a CRL (in the CMS `crls` or its adbe-revocationInfoArchival
   * attribute) signed by that certificate's issuer, current at the signing time, not listing it.
   * Then the signature still verifies after the certificate expired.
   */
  ltv: boolean;
  /** What revocation data the signature carries (null when it carries none). */
  validationData: { certificates: number; crls: number; ocsps: number } | null;
  /**
   * The problem (also in `problems`) that the signer's certificate has expired and nothing in
   * the file shows it was not revoked at signing; null otherwise. A registry that knows the
   * certificate's revocation status may settle it.
   */
  unprovenAfterExpiry: string | null;
  /** Human-readable reasons for anything short of valid (empty when this signature is fine). */
  problems: string[];
}

export interface VerificationReport {
  signatures: SignatureReport[];
  /** Some signature is not intact or does not cover the whole file: the file is not what was signed. */
  modifiedAfterSigning: boolean;
  /** At least one signature, and every one intact, covering the whole file, trusted, without problems. */
  valid: boolean;
}

export interface VerifyOptions {
  /**
   * The verifier's present (default: the real clock): a claimed signing time after it is
   * refused, and a signer's certificate expired by then needs long-term validation data.
   */
  now?: Date;
}

/**
 * Checks every signature in a PDF by itself (no registry): byte range, digest, CMS signature,
 * signing-certificate-v2, chain to `trustAnchors`, timestamp. Never reports `valid` for a file
 * that differs from what was signed. "Intact, signer not trusted" is `intact && !trusted`.
 */
export interface PdfVerifier {
  /**
   * Verifies `pdf` against the given trust anchors (office roots, PSrE roots, timestamp
   * authority roots, DER). A file that is not a PDF or has no signature gives a report with
   * no signatures and `valid: false`; it does not throw.
   */
  verify(pdf: Uint8Array, trustAnchors: CertificateDer[], options?: VerifyOptions): Promise<VerificationReport>;
}
