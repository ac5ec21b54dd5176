import { hash, verify } from '@node-rs/argon2';

// The package's Algorithm enum is an ambient const enum; 2 is its Argon2id.
const ARGON2ID = 2;
import type { PasswordHasher } from '../../ports/password-hasher.ts';

export interface Argon2Cost {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
}

/** The OWASP minimum (19 MiB, t=2, p=1), which QUALITY.md sets as the floor: what the server always uses. */
export const OWASP_ARGON2ID: Argon2Cost = { memoryCost: 19456, timeCost: 2 };

/**
 * argon2id at `cost` (the floor unless a test asks for less: its offices enrol hundreds of second
 * factors, ten hashed codes each). A stored hash names its own cost, so any of them verifies.
 */
export const createArgon2PasswordHasher = (cost: Argon2Cost = OWASP_ARGON2ID): PasswordHasher => ({
  hash: (password) => hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 }),
  async verify(stored, password) {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
});
