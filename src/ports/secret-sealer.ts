/**
 * Encryption of small secrets the database keeps (TOTP seeds) under a key kept outside it, so
 * a copy of the database alone (a stolen backup of it, a read-only SQL injection) yields none.
 */
export interface SecretSealer {
  /**
   * `plain` encrypted and authenticated, bound to `context` (the row it belongs to, e.g. a user
   * id) so a sealed value copied to another row does not open there. Text that names its format.
   */
  seal(plain: string, context: string): string;
  /** The plain text; throws when the value was altered, sealed under another key or for another context. */
  open(sealed: string, context: string): string;
  /** Whether `value` is in the sealed format (values from before sealing are not). */
  isSealed(value: string): boolean;
}
