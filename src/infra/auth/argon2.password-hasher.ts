import { hash, verify } from '@node-rs/argon2';

// The package's Algorithm enum is an ambient const enum; 2 is its Argon2id.
const ARGON2ID = 2;
import type { PasswordHasher } from '../../ports/password-hasher.ts';

/** argon2id with the OWASP minimum (19 MiB, t=2, p=1), which QUALITY.md sets as the floor. */
export const createArgon2PasswordHasher = (): PasswordHasher => ({
  hash: (password) => hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 }),
  async verify(stored, password) {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
});
