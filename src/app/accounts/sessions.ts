import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';

/** Only a hash of a bearer token is stored, so a database leak yields no usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newToken = (): string => randomBytes(32).toString('base64url');

/** The actor behind a bearer token, or null when it is unknown, expired, revoked or disabled. */
export const authenticate = async (deps: AppDeps, token: string): Promise<Actor | null> => {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const session = await deps.db.sessions.findLive(hashToken(token), deps.clock.now());
  if (!session) return null;
  const user = await deps.db.users.findById(session.userId);
  if (!user || user.disabled) return null;
  return { id: user.id, role: user.role, unitCode: user.unitCode, clearance: user.clearance };
};

/** Ends a session: the token stops working at once. */
export const logout = async (deps: AppDeps, actor: Actor, token: string): Promise<void> => {
  await deps.db.transaction(async (tx) => {
    await tx.sessions.revoke(hashToken(token));
    await tx.audit.append({ at: deps.clock.now(), actorId: actor.id, action: 'auth.logout', targetType: 'user', targetId: actor.id, details: {} });
  });
};
