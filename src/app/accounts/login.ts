import { AppError } from '../../domain/errors.ts';
import { requiresTotp } from '../../domain/two-factor.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { recordLoginFailure, refuseWhileLocked, throttleKeys } from './login-throttle.ts';
import { presentUser } from './present-user.ts';
import { newToken, openSession } from './sessions.ts';
import { checkSecondFactor } from './two-factor.ts';

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
 * those who have not enrolled yet get a 403 with a token that may only enrol.
 */
export const login = async (deps: AppDeps, input: LoginInput, ip: string | undefined) => {
  const keys = throttleKeys(input.username, ip);
  const earlierFailures = await refuseWhileLocked(deps, keys);
  const user = await deps.db.users.findByUsername(input.username);
  const passwordOk = await deps.hasher.verify(user?.passwordHash ?? (await dummy(deps)), input.password);
  if (!user || !passwordOk || user.disabled) await fail(deps, { keys, user, username: input.username, ip, reason: 'credentials' }, 'wrong username or password');

  const known = user!;
  const forgive = earlierFailures.includes(keys[0]!.key) ? keys[0]!.key : null;
  if (known.totpEnabledAt) {
    if (!input.totp) throw new AppError('unauthenticated', 'enter the code from your authenticator app', { problemType: 'totp-required' });
    const factor = await checkSecondFactor(deps, known, input.totp);
    if (!factor) await fail(deps, { keys, user: known, username: input.username, ip, reason: 'totp' }, 'the code is wrong, expired or already used', 'totp-invalid');
    return succeed(deps, known, ip, factor!, forgive);
  }
  if (requiresTotp(known)) {
    const { token, expiresAt } = await deps.db.transaction(async (tx) => {
      const s = await openSession(deps, tx, known.id, 'totp_enrolment');
      await tx.audit.append({ at: deps.clock.now(), actorId: known.id, action: 'auth.login_enrolment', targetType: 'user', targetId: known.id, details: { ip: ip ?? null } });
      return s;
    });
    throw new AppError('forbidden', 'this account must turn on two-factor login first: POST /api/v1/auth/totp/setup, then /enable, with this token', {
      problemType: 'totp-enrolment-required',
      members: { token, expiresAt: expiresAt.toISOString() },
    });
  }
  return succeed(deps, known, ip, 'password', forgive);
};

/** `forgive`: the account key to clear, when it has failures on record. */
const succeed = async (deps: AppDeps, user: UserRecord, ip: string | undefined, factor: string, forgive: string | null) => {
  const { token, expiresAt } = await deps.db.transaction(async (tx) => {
    const s = await openSession(deps, tx, user.id, 'full');
    await tx.audit.append({ at: deps.clock.now(), actorId: user.id, action: 'auth.login', targetType: 'user', targetId: user.id, details: { ip: ip ?? null, factor } });
    return s;
  });
  // A success forgives the account's failures, not the address's (one good account must not
  // reset the counter of an address guessing at others).
  if (forgive) await deps.db.loginThrottle.clear(forgive);
  return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
};

interface Failure {
  keys: ReturnType<typeof throttleKeys>;
  user: UserRecord | null;
  username: string;
  ip: string | undefined;
  reason: 'credentials' | 'totp';
}

/** Counts the failure for back-off, audits it (naming the typed name when no account has it) and answers 401. */
const fail = async (deps: AppDeps, f: Failure, detail: string, problemType?: string): Promise<never> => {
  const locked = await recordLoginFailure(deps, f.keys);
  const details = { ip: f.ip ?? null, reason: f.reason, ...(f.user ? {} : { username: f.username.slice(0, 64) }), ...(locked.length ? { lockedUntil: locked.map((l) => l.until.toISOString()) } : {}) };
  await deps.db.audit.append({ at: deps.clock.now(), actorId: f.user?.id ?? null, action: 'auth.login_failed', targetType: 'user', targetId: f.user?.id ?? null, details });
  throw new AppError('unauthenticated', detail, problemType ? { problemType } : {});
};
