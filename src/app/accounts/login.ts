import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { presentUser } from './present-user.ts';
import { hashToken, newToken } from './sessions.ts';

// A real hash verified when the username is unknown, so both failures cost the same time.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password and opens a session. Unknown users, wrong passwords and
 * disabled accounts get the same 401 so the answer reveals nothing.
 */
export const login = async (deps: AppDeps, input: { username: string; password: string }, ip: string | undefined) => {
  const user = await deps.db.users.findByUsername(input.username);
  dummyHash ??= deps.hasher.hash(newToken());
  const ok = await deps.hasher.verify(user?.passwordHash ?? (await dummyHash), input.password);
  const now = deps.clock.now();
  if (!user || !ok || user.disabled) {
    await deps.db.audit.append({ at: now, actorId: user?.id ?? null, action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? null, details: { ip: ip ?? null } });
    throw new AppError('unauthenticated', 'wrong username or password');
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + deps.tokenTtlHours * 3600_000);
  await deps.db.transaction(async (tx) => {
    await tx.sessions.create({ tokenHash: hashToken(token), userId: user.id, expiresAt });
    await tx.audit.append({ at: now, actorId: user.id, action: 'auth.login', targetType: 'user', targetId: user.id, details: { ip: ip ?? null } });
  });
  return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
};
