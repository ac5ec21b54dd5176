/**
 * What signing keeps in the database: the office's certificate authority, the roots it trusts,
 * the officials' signing certificates (keys locked under their PIN), the register of every
 * letter it signed (what public verification reads), and short claims that keep two signings
 * of one letter apart. Certificates travel as DER; locked keys as the opaque strings
 * CertificateAuthority.lockKey makes: never log either.
 */
import type { CertificateDer } from './pdf-signing.ts';

/** The office root (one per installation). Its key is locked under the installation's CA secret. */
export interface OfficeCaRecord {
  certificate: CertificateDer;
  lockedKey: string;
  serial: string;
  /** SHA-256 of the DER, hex. */
  sha256: string;
  subject: string;
  notAfter: Date;
  createdBy: string | null;
  createdAt: Date;
}

/** A root an admin chose to trust besides the office root (a PSrE such as BSrE, a timestamp authority). */
export interface TrustAnchorRecord {
  sha256: string;
  certificate: CertificateDer;
  subject: string;
  notAfter: Date;
  addedBy: string;
  addedAt: Date;
}

/** `remote`: the key stays at a provider's signing service; Naskah keeps only the certificate (lockedKey empty). */
export type CertificateSource = 'office' | 'imported' | 'remote';

/** An official's signing certificate and their key, locked under their PIN. */
export interface SigningCertificateRecord {
  id: string;
  userId: string;
  source: CertificateSource;
  serial: string;
  /** The issuer's common name. */
  issuer: string;
  sha256: string;
  commonName: string;
  title: string | null;
  nip: string | null;
  notBefore: Date;
  notAfter: Date;
  certificate: CertificateDer;
  /** Issuers nearest first, ending at the root. */
  chain: CertificateDer[];
  /** CertificateAuthority.lockKey's output; empty for a `remote` certificate. */
  lockedKey: string;
  /** True while it is the user's current certificate (one per user); false once replaced or revoked. */
  current: boolean;
  revokedAt: Date | null;
  revokedBy: string | null;
  revocationReason: string | null;
  createdBy: string;
  createdAt: Date;
}

/** One signed letter as issued: what `/verify/<code>` answers and what an uploaded file is matched against. */
export interface SignedLetterRecord {
  /** The public verification code printed as the QR code. */
  code: string;
  letterId: string;
  documentId: string;
  /** SHA-256 of the signed PDF exactly as issued. */
  sha256: string;
  letterNumber: string;
  subject: string;
  securityLevel: string;
  signerId: string;
  /** The signer as printed on the letter when it was signed (a later rename does not rewrite history). */
  signerName: string;
  signerTitle: string;
  certificateId: string;
  certificateSerial: string;
  signedAt: Date;
  timestamped: boolean;
  /**
   * What was signed: an outgoing letter (`letterId` is its id), or the minutes of a disposal or a
   * transfer, sealed by the office (`letterId` is the disposal's or transfer's id). Default outgoing.
   */
  subjectType?: SignedSubjectType;
}

export type SignedSubjectType = 'outgoing' | 'disposal' | 'transfer';

/** The office CA, trusted roots and officials' certificates. */
export interface CertificateRepository {
  /** The office root, or null before the first one is made. */
  officeCa(): Promise<OfficeCaRecord | null>;
  /** Records the office root; AppError `conflict` when one exists (another process made it first). */
  createOfficeCa(ca: OfficeCaRecord): Promise<void>;
  /** Replaces the office root's locked key (the same key locked under another secret, after a restore). */
  relockOfficeCa(lockedKey: string): Promise<void>;
  /** Roots trusted besides the office root, oldest first. */
  trustAnchors(): Promise<TrustAnchorRecord[]>;
  /** Adds a root; false when it is trusted already. */
  addTrustAnchor(anchor: TrustAnchorRecord): Promise<boolean>;
  /** Stops trusting a root; false when it was not trusted. */
  removeTrustAnchor(sha256: string): Promise<boolean>;
  /**
   * Makes `cert` the user's current certificate, replacing (not revoking) the one before.
   * AppError `conflict` when the same certificate is on record already, or when another
   * request made a certificate current for this user at the same moment.
   */
  addCurrent(cert: SigningCertificateRecord): Promise<void>;
  /** The user's current certificate (revoked and replaced ones are not current), or null. */
  currentOf(userId: string): Promise<SigningCertificateRecord | null>;
  findById(id: string): Promise<SigningCertificateRecord | null>;
  /** Every certificate of the user, newest first. */
  listOf(userId: string): Promise<SigningCertificateRecord[]>;
  /** Certificates on record with this serial (hex, upper case), any user. */
  findBySerial(serial: string): Promise<SigningCertificateRecord[]>;
  /** Serial and revocation time of every revoked certificate from `source` (the office CA's own: 'office'). */
  revoked(source: CertificateSource): Promise<{ serial: string; revokedAt: Date }[]>;
  /** Revokes by compare-and-set (it stops being current too); false when already revoked or unknown. */
  revoke(id: string, at: Date, by: string, reason: string | null): Promise<boolean>;
  /**
   * Replaces a certificate's locked key (the same key under a new PIN) by compare-and-set on the
   * one before; false when it changed meanwhile or the certificate was revoked.
   */
  relock(id: string, from: string, to: string): Promise<boolean>;
}

/** The register of signed letters and the claims that keep signings of one letter apart. */
export interface SignedLetterRepository {
  /** Records a signed letter; AppError `conflict` when its code, letter, document or SHA-256 is on record. */
  register(letter: SignedLetterRecord): Promise<void>;
  findByCode(code: string): Promise<SignedLetterRecord | null>;
  findBySha256(sha256: string): Promise<SignedLetterRecord | null>;
  findByLetter(letterId: string): Promise<SignedLetterRecord | null>;
  /**
   * Claims a letter for one signing attempt (`holder`, unique per attempt) until `until`: true
   * when nobody held it or the last claim had lapsed (a process that died mid-signing); false
   * while another attempt's claim runs.
   */
  claim(letterId: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the attempt's claim back (no error when it is gone or another attempt holds it now). */
  release(letterId: string, holder: string): Promise<void>;
  /**
   * The value a gap-free counter stands at (0 before its first number), read without a lock:
   * a prediction of the next number, never a number to use (CounterRepository.next takes it).
   */
  counterValue(scope: string): Promise<number>;
}
