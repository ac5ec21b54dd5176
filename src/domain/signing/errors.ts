import { AppError } from '../errors.ts';

/** The PIN or passphrase does not open the locked signing key. */
export class WrongPinError extends AppError {
  constructor() {
    super('forbidden', 'the PIN does not unlock this signing key', { problemType: 'wrong-pin' });
    this.name = 'WrongPinError';
  }
}

/** A provider's signing service refused the signer's passphrase (nothing was signed). */
export class WrongPassphraseError extends AppError {
  constructor() {
    super('forbidden', 'the signing service refused the passphrase', { problemType: 'wrong-passphrase' });
    this.name = 'WrongPassphraseError';
  }
}

/** A PKCS#12 file that cannot be read: wrong password, damaged, or without a key and its certificate. */
export class Pkcs12Error extends AppError {
  constructor(detail: string, cause?: unknown) {
    super('invalid', detail, { problemType: 'pkcs12-unreadable', ...(cause === undefined ? {} : { cause }) });
    this.name = 'Pkcs12Error';
  }
}

export type UnusableReason = 'expired' | 'not-yet-valid' | 'revoked' | 'not-for-signing';

/** A certificate that may not sign now: expired, not yet valid, revoked, or not a signing certificate. */
export class CertificateUnusableError extends AppError {
  readonly reason: UnusableReason;
  constructor(reason: UnusableReason, detail: string) {
    super('invalid', detail, { problemType: `certificate-${reason}` });
    this.name = 'CertificateUnusableError';
    this.reason = reason;
  }
}
