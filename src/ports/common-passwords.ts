/** The passwords attackers try first, for refusing them when someone sets a password. */
export interface CommonPasswords {
  /**
   * The list as keys (NFKC, lower case; see `passwordKey` in domain/password-policy.ts). Read
   * once, on first use, then kept for the life of the process.
   */
  load(): Promise<ReadonlySet<string>>;
}
