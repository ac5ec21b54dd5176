import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Encode } from '../../domain/totp.ts';
import type { AppDeps } from '../deps.ts';

const RECOVERY_CODES = 10;

/** Spaces, dashes and case are forgiven: codes are read off paper and typed back. */
export const normaliseRecoveryCode = (code: string): string => code.replace(/[\s-]/g, '').toUpperCase();

// 50 random bits each, shown as ABCDE-FGHIJ so they can be read aloud and typed back.
const newRecoveryCode = (): string => {
  const s = base32Encode(randomBytes(7)).slice(0, 10);
  return `${s.slice(0, 5)}-${s.slice(5)}`;
};

// Codes stored before issue 16: an unsalted SHA-256 in hex. New ones are argon2id strings
// (`$argon2id$...`, each with a salt of its own), so the two formats cannot be mistaken.
const LEGACY_SHA256 = /^[0-9a-f]{64}$/;

const matchesLegacy = (stored: string, code: string): boolean => timingSafeEqual(Buffer.from(stored, 'hex'), createHash('sha256').update(code).digest());

/**
 * New one-time codes and what to store of them: a slow salted hash each (the password hasher's
 * argon2id), so a copy of the table does not give away 50-bit codes to a quick brute force.
 */
export const newRecoveryCodes = async (deps: Pick<AppDeps, 'hasher'>): Promise<{ codes: string[]; hashes: string[] }> => {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  return { codes, hashes: await Promise.all(codes.map((c) => deps.hasher.hash(normaliseRecoveryCode(c)))) };
};

/**
 * Spends an unused code of the user's: found by verifying it against each stored hash (a
 * salted hash cannot be looked up by value), then used by compare-and-set on that row, so two
 * logins racing with one code cannot both pass. Old unsalted codes keep working until used.
 */
export const spendRecoveryCode = async (deps: Pick<AppDeps, 'hasher' | 'db' | 'clock'>, userId: string, code: string): Promise<boolean> => {
  const normal = normaliseRecoveryCode(code);
  for (const stored of await deps.db.recoveryCodes.unused(userId)) {
    const matches = LEGACY_SHA256.test(stored) ? matchesLegacy(stored, normal) : await deps.hasher.verify(stored, normal);
    if (matches) return deps.db.recoveryCodes.consume(userId, stored, deps.clock.now());
  }
  return false;
};
