import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { base32Encode, matchTotp, otpauthUrl } from '../../domain/totp.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { hashToken, openSession } from './sessions.ts';

const ISSUER = 'Naskah';
const RECOVERY_CODES = 10;

const normaliseRecoveryCode = (code: string): string => code.replace(/[\s-]/g, '').toUpperCase();
const hashRecoveryCode = (code: string): string => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
// 50 random bits each, shown as ABCDE-FGHIJ so they can be read aloud and typed back.
const newRecoveryCode = (): string => {
  const s = base32Encode(randomBytes(7)).slice(0, 10);
  return `${s.slice(0, 5)}-${s.slice(5)}`;
};

const userOf = async (deps: AppDeps, actor: Actor): Promise<UserRecord> => {
  const user = await deps.db.users.findById(actor.id);
  if (!user) throw new AppError('unauthenticated', 'the account no longer exists');
  return user;
};

/**
 * Starts enrolment: a new secret, kept pending until a code from it is confirmed. Starting
 * again before confirming replaces the pending secret; an enrolled user must have it reset by
 * an admin first (a stolen session must not swap the second factor).
 */
export const setupTotp = async (deps: AppDeps, actor: Actor) => {
  const user = await userOf(deps, actor);
  if (user.totpEnabledAt) throw new AppError('conflict', 'two-factor login is already on; an admin can reset it');
  const secret = base32Encode(randomBytes(20));
  await deps.db.users.update(user.id, { totpSecret: secret, totpLastStep: null });
  const url = otpauthUrl(secret, user.username, ISSUER);
  return { secret, otpauthUrl: url, qrCodeSvg: await deps.qr.svg(url) };
};

/**
 * Confirms enrolment with a code from the app. Returns one-time recovery codes (shown once) and
 * a full session: the enrolment token proved the password and the code the new factor, so the
 * user need not wait for the next code to log in.
 */
export const enableTotp = async (deps: AppDeps, actor: Actor, code: string, sessionToken: string) => {
  const user = await userOf(deps, actor);
  if (user.totpEnabledAt) throw new AppError('conflict', 'two-factor login is already on');
  if (!user.totpSecret) throw new AppError('conflict', 'start with POST /api/v1/auth/totp/setup');
  const step = matchTotp(user.totpSecret, code.trim(), deps.clock.now(), null);
  if (step === null) throw new AppError('invalid', 'the code does not match; check the time on the phone', { errors: [{ field: 'code', message: 'wrong or expired code' }] });
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  const session = await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { totpEnabledAt: deps.clock.now(), totpLastStep: step });
    await tx.recoveryCodes.replace(user.id, recoveryCodes.map(hashRecoveryCode));
    // The enrolment token has done its job; the full session replaces it.
    await tx.sessions.revoke(hashToken(sessionToken));
    await tx.audit.append({ at: deps.clock.now(), actorId: user.id, action: 'auth.totp_enabled', targetType: 'user', targetId: user.id, details: {} });
    return openSession(deps, tx, user.id, 'full');
  });
  return { recoveryCodes, token: session.token, expiresAt: session.expiresAt.toISOString() };
};

/**
 * Checks a second factor at login: a current TOTP code not used before, or an unused recovery
 * code. Both are spent by compare-and-set, so two logins racing with one code cannot both pass.
 */
export const checkSecondFactor = async (deps: AppDeps, user: UserRecord, code: string): Promise<'totp' | 'recovery' | null> => {
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed) && user.totpSecret) {
    const step = matchTotp(user.totpSecret, trimmed, deps.clock.now(), user.totpLastStep);
    return step !== null && (await deps.db.users.spendTotpStep(user.id, step)) ? 'totp' : null;
  }
  if (/^[A-Z2-7]{10}$/.test(normaliseRecoveryCode(trimmed))) {
    return (await deps.db.recoveryCodes.consume(user.id, hashRecoveryCode(trimmed), deps.clock.now())) ? 'recovery' : null;
  }
  return null;
};
