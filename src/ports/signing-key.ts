/**
 * What signs: a key handle, not a key. The PAdES signer builds the CMS around any `SigningKey`
 * (it hashes the signed attributes, the key signs them, the CMS is assembled), so a key kept
 * here locked under the official's PIN, a hardware token or a certified provider's remote
 * signing service (BSrE signs by NIK and passphrase) plug in alike. Which one an official uses
 * is configuration (per office or per user), decided by the `SigningKeyStore` adapter, never by
 * a branch in a use case.
 */
import type { CertificateDer, SigningCredential } from './pdf-signing.ts';

/** The signature algorithms a key is asked for (RSA PKCS#1 v1.5 over the named hash). */
export type SignatureAlgorithm = 'sha256WithRSA';

export interface SigningKey {
  /**
   * The signer's certificate followed by its issuers, nearest first, ending at the root (DER).
   * A remote key may fetch them. Rejects with AppError `unavailable` when that service is down.
   */
  certificates(): Promise<CertificateDer[]>;
  /**
   * Signs `data` (the DER of the CMS signed attributes) with `algorithm`: the key, or the
   * service it calls, hashes and signs. Returns the raw signature value. Rejects with
   * WrongPinError / WrongPassphraseError when the signer's secret is refused, AppError
   * `unavailable` when a service holding the key does not answer in time (nothing signed).
   */
  sign(data: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array>;
}

/** Who signs, as the key store needs to find their key. */
export interface KeySigner {
  userId: string;
  username: string;
}

/** What Naskah keeps of an official's key: their certificate row's chain and locked key. */
export interface StoredKey {
  certificate: CertificateDer;
  chain: CertificateDer[];
  /** CertificateAuthority.lockKey's output; empty for a key held outside Naskah. */
  lockedKey: string;
}

export interface OpenedKey {
  key: SigningKey;
  /**
   * True when opening proved the secret (a PIN that decrypted the key); false when the key
   * checks it only when it signs (a remote service checks the passphrase with the digest).
   */
  secretChecked: boolean;
}

/** Where officials' signing keys live, chosen by configuration. */
export interface SigningKeyStore {
  /**
   * The certificate chain of a signer whose key is held outside Naskah (signer first), fetched
   * now so the office records it before the signer signs; null when their key is kept here,
   * locked in their certificate row. Rejects with AppError `unavailable` (503) when the service
   * is down, AppError `invalid` (422) when it knows no such signer.
   */
  externalCertificates(signer: KeySigner): Promise<CertificateDer[] | null>;
  /**
   * Opens the signer's key with their secret (PIN for a key kept here, the provider's
   * passphrase for a remote one). `stored` is their current certificate row. Rejects with
   * WrongPinError when a PIN does not open a local key.
   */
  open(signer: KeySigner, stored: StoredKey, secret: string): Promise<OpenedKey>;
  /** A key held in memory (the office CA's own seal, a PKCS#12 just read): signs in-process. */
  inMemory(credential: SigningCredential): SigningKey;
}
