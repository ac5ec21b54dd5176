/** One-way password hashing (argon2id in production). */
export interface PasswordHasher {
  /** A self-describing hash string (algorithm, parameters, salt). */
  hash(password: string): Promise<string>;
  /** True when `password` matches `hash`; false (never a throw) for a malformed hash. */
  verify(hash: string, password: string): Promise<boolean>;
}
