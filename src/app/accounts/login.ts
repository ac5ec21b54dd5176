import { AppError } from '../../domain/errors.ts';
import { requiresTotp } from '../../domain/two-factor.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { type ThrottleKey, countAttempt, settleFailure, settleSuccess, throttleKeys } from './login-throttle.ts';
import { normaliseUsername } from './usernames.ts';
import { passwordMatches } from './passwords.ts';
import { presentUser } from './present-user.ts';
import { newToken, openSession } from './sessions.ts';
import { checkSecondFactor } from './two-factor.ts';
import type { ProblemType } from '../../domain/problem-types.ts';

// A real hash verified when the username is unknown, so both failures cost the same time.
// Made on first need; a failure to make it is not cached.
let dummyHash: Promise<string> | undefined;
const dummy = (deps: AppDeps): Promise<string> =>
  (dummyHash ??= deps.hasher.hash(newToken()).catch((e: unknown) => {
    dummyHash = undefined;
    throw e;
  }));

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

/**
 * Checks credentials and opens a session. Unknown users, wrong passwords and disabled accounts
 * get the same 401; repeated failures lock the account name and the client address for a
 * doubling while (429). Users who must have a second factor give a TOTP or recovery code;
 * those who have not enrolled yet get a 403 with a token that may only enrol, and those whose
 * password an admin set, one that may only change it.
 */
export const login = async (deps: AppDeps, input: LoginInput, ip: string | undefined) => {
  const keys = throttleKeys(input.username, ip);
  const counts = await countAttempt(deps, keys);
  const user = await deps.db.users.findByUsername(normaliseUsername(input.username));
  const passwordOk = await passwordMatches(deps, user?.passwordHash ?? (await dummy(deps)), input.password);
  if (!user || !passwordOk || user.disabled) await fail(deps, { keys, counts, user, ip, reason: 'credentials' }, 'wrong username or password');

  const known = user!;
  if (known.totpEnabledAt) {
    if (!input.totp) throw new AppError('unauthenticated', 'enter the code from your authenticator app', { problemType: 'totp-required' });
    const factor = await checkSecondFactor(deps, known, input.totp);
    if (!factor) await fail(deps, { keys, counts, user: known, ip, reason: 'totp' }, 'the code is wrong, expired or already used', 'totp-invalid');
    return succeed(deps, known, ip, factor!, keys);
  }
  if (known.mustChangePassword) return hold(deps, known, ip, keys, 'password_change');
  if (requiresTotp(known)) return hold(deps, known, ip, keys, 'totp_enrolment');
  return succeed(deps, known, ip, 'password', keys);
};

/**
 * The password was right, but the account may not work yet: it must change an admin's temporary
 * password, or turn on a required second factor. Answers 403 with a short-lived token that may
 * only do that (`password-change-required` or `totp-enrolment-required`).
 */
const hold = async (
  deps: AppDeps,
  user: UserRecord,
  ip: string | undefined,
  keys: ThrottleKey[],
  purpose: 'password_change' | 'totp_enrolment',
): Promise<never> => {
  await settleSuccess(deps, keys);
  const { token, expiresAt } = await deps.db.transaction(async (tx) => {
    const s = await openSession(deps, tx, user.id, purpose);
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: user.id,
      action: purpose === 'password_change' ? 'auth.login_password_change' : 'auth.login_enrolment',
      targetType: 'user',
      targetId: user.id,
      details: { ip: ip ?? null },
    });
    return s;
  });
  const members = { token, expiresAt: expiresAt.toISOString() };
  if (purpose === 'password_change')
    throw new AppError('forbidden', 'an admin set this password: choose your own first (POST /api/v1/auth/password with this token)', {
      problemType: 'password-change-required',
      members,
    });
  throw new AppError('forbidden', 'this account must turn on two-factor login first: POST /api/v1/auth/totp/setup, then /enable, with this token', {
    problemType: 'totp-enrolment-required',
    members,
  });
};

const succeed = async (deps: AppDeps, user: UserRecord, ip: string | undefined, factor: string, keys: ThrottleKey[]) => {
  if (user.mustChangePassword) return hold(deps, user, ip, keys, 'password_change');
  const { token, expiresAt } = await deps.db.transaction(async (tx) => {
    const s = await openSession(deps, tx, user.id, 'full');
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: user.id,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      details: { ip: ip ?? null, factor },
    });
    return s;
  });
  await settleSuccess(deps, keys);
  return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
};

interface Failure {
  keys: ThrottleKey[];
  counts: Map<string, number>;
  user: UserRecord | null;
  ip: string | undefined;
  reason: 'credentials' | 'totp';
}

/**
 * Locks the keys as the failure count calls for, audits the failure and answers 401. The name
 * typed for an unknown account is not kept: people type their password there by mistake.
 */
const fail = async (deps: AppDeps, f: Failure, detail: string, problemType?: ProblemType): Promise<never> => {
  const locked = await settleFailure(deps, f.keys, f.counts);
  const details = {
    ip: f.ip ?? null,
    reason: f.reason,
    ...(f.user ? {} : { knownAccount: false }),
    ...(locked.length ? { lockedUntil: locked.map((l) => l.until.toISOString()) } : {}),
  };
  await deps.db.audit.append({
    at: deps.clock.now(),
    actorId: f.user?.id ?? null,
    action: 'auth.login_failed',
    targetType: 'user',
    targetId: f.user?.id ?? null,
    details,
  });
  throw new AppError('unauthenticated', detail, problemType ? { problemType } : {});
};
