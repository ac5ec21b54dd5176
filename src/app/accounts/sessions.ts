import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { requiresTotp } from '../../domain/two-factor.ts';
import type { Repositories, SessionPurpose, UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';

/** Only a hash of a bearer token is stored, so a database leak yields no usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * The anti-forgery token for a cookie session: derived from the session token, so nothing more
 * is stored, and a page on another site that cannot read our cookies cannot compute it.
 */
export const csrfTokenFor = (token: string): string => createHash('sha256').update(`csrf:${token}`).digest('base64url');

// A token that may only finish second-factor enrolment or change the password lives just long enough to do it.
const ENROLMENT_TTL_MS = 10 * 60_000;

export const actorOf = (u: UserRecord): Actor => ({ id: u.id, roles: u.roles, unitCode: u.unitCode, clearance: u.clearance, filingScope: u.filingScope });

/** Opens a session inside the caller's transaction and returns its token (shown once, stored hashed). */
export const openSession = async (deps: AppDeps, tx: Repositories, userId: string, purpose: SessionPurpose): Promise<{ token: string; expiresAt: Date }> => {
  const token = newToken();
  const ttl = purpose === 'full' ? deps.tokenTtlHours * 3600_000 : ENROLMENT_TTL_MS;
  const expiresAt = new Date(deps.clock.now().getTime() + ttl);
  await tx.sessions.create({ tokenHash: hashToken(token), userId, purpose, expiresAt });
  return { token, expiresAt };
};

/**
 * The actor behind a bearer token and what the session may do, or null when the token is
 * malformed, unknown, expired, revoked, or its user is disabled. The user is read on every
 * request, so a role, unit or clearance change and a disabling take effect at once.
 */
export const authenticate = async (deps: AppDeps, token: string): Promise<{ actor: Actor; purpose: SessionPurpose } | null> => {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const session = await deps.db.sessions.findLive(hashToken(token), deps.clock.now());
  if (!session) return null;
  const user = await deps.db.users.findById(session.userId);
  if (!user || user.disabled) return null;
  // A password-only session of someone who since needs a second factor (raised clearance, made
  // admin or official, factor reset) may only enrol until they log in with one.
  // Likewise one whose password an admin has since set may only change it.
  const purpose =
    session.purpose !== 'full'
      ? session.purpose
      : user.mustChangePassword
        ? 'password_change'
        : requiresTotp(user) && !user.totpEnabledAt
          ? 'totp_enrolment'
          : 'full';
  return { actor: actorOf(user), purpose };
};

/** Ends a session: the token stops working at once. */
export const logout = async (deps: AppDeps, actor: Actor, token: string): Promise<void> => {
  await deps.db.transaction(async (tx) => {
    await tx.sessions.revoke(hashToken(token));
    await tx.audit.append({ at: deps.clock.now(), actorId: actor.id, action: 'auth.logout', targetType: 'user', targetId: actor.id, details: {} });
  });
};
