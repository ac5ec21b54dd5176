import { randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { base32Encode, matchTotp, otpauthUrl } from '../../domain/totp.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { newRecoveryCodes, normaliseRecoveryCode, spendRecoveryCode } from './recovery-codes.ts';
import { hashToken, openSession } from './sessions.ts';

const ISSUER = 'Naskah';

/**
 * The user's TOTP secret, opened from its sealed form. A secret that does not open means this
 * server has another key than the one that sealed it: a configuration fault, not a wrong code.
 */
const totpSecretOf = (deps: AppDeps, user: UserRecord): string | null => {
  if (!user.totpSecret) return null;
  try {
    return deps.totpSecrets.open(user.totpSecret, user.id);
  } catch (e) {
    throw new AppError(
      'unavailable',
      "second-factor secrets cannot be opened with this server's key: every process must have the same TOTP_SECRET_KEY (or DATA_DIR/secrets)",
      { cause: e },
    );
  }
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
  await deps.db.users.update(user.id, { totpSecret: deps.totpSecrets.seal(secret, user.id), totpLastStep: null });
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
  const secret = totpSecretOf(deps, user);
  if (!secret) throw new AppError('conflict', 'start with POST /api/v1/auth/totp/setup');
  const step = matchTotp(secret, code.trim(), deps.clock.now(), null);
  if (step === null)
    throw new AppError('invalid', 'the code does not match; check the time on the phone', {
      errors: [{ field: 'code', message: 'wrong or expired code', code: 'totp_wrong' }],
    });
  const recovery = await newRecoveryCodes(deps);
  const session = await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { totpEnabledAt: deps.clock.now(), totpLastStep: step });
    await tx.recoveryCodes.replace(user.id, recovery.hashes);
    // The enrolment token has done its job; the full session replaces it.
    await tx.sessions.revoke(hashToken(sessionToken));
    await tx.audit.append({ at: deps.clock.now(), actorId: user.id, action: 'auth.totp_enabled', targetType: 'user', targetId: user.id, details: {} });
    return openSession(deps, tx, user.id, 'full');
  });
  return { recoveryCodes: recovery.codes, token: session.token, expiresAt: session.expiresAt.toISOString() };
};

/**
 * Checks a second factor at login: a current TOTP code not used before, or an unused recovery
 * code. Both are spent by compare-and-set, so two logins racing with one code cannot both pass.
 */
export const checkSecondFactor = async (deps: AppDeps, user: UserRecord, code: string): Promise<'totp' | 'recovery' | null> => {
  const trimmed = code.trim();
  const secret = /^\d{6}$/.test(trimmed) ? totpSecretOf(deps, user) : null;
  if (secret) {
    const step = matchTotp(secret, trimmed, deps.clock.now(), user.totpLastStep);
    return step !== null && (await deps.db.users.spendTotpStep(user.id, step)) ? 'totp' : null;
  }
  if (/^[A-Z2-7]{10}$/.test(normaliseRecoveryCode(trimmed))) {
    return (await spendRecoveryCode(deps, user.id, trimmed)) ? 'recovery' : null;
  }
  return null;
};
