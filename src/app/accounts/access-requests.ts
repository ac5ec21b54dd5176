import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { clearedFor, type SecurityLevel, stricterLevel } from '../../domain/security-level.ts';
import type { AccessChange, AccessRequestRecord, Repositories, UserPatch } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { requireAdmin } from './admin-only.ts';

/** The request as the API shows it: what would change, never a password hash. */
export const presentAccessRequest = (r: AccessRequestRecord) => {
  // A password shows as set, never its hash: `temporary` when the person must change it at login.
  const { passwordHash, mustChangePassword, ...shown } = r.changes;
  return {
    id: r.id,
    userId: r.userId,
    changes: { ...shown, ...(passwordHash ? { password: mustChangePassword ? ('temporary' as const) : ('new' as const) } : {}) },
    level: r.level,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
};

/**
 * Applies an account change in the caller's transaction: the user row, and for a new password,
 * a disabling or a second-factor reset the end of every session of theirs. Returns how many
 * sessions ended.
 */
export const applyAccessChange = async (tx: Repositories, userId: string, c: AccessChange): Promise<number> => {
  const patch: UserPatch = {
    ...(c.name !== undefined ? { name: c.name } : {}),
    ...(c.roles ? { roles: c.roles } : {}),
    ...(c.unitCode ? { unitCode: c.unitCode } : {}),
    ...(c.clearance ? { clearance: c.clearance } : {}),
    ...(c.disabled !== undefined ? { disabled: c.disabled } : {}),
    ...(c.passwordHash ? { passwordHash: c.passwordHash } : {}),
    ...(c.email !== undefined ? { email: c.email } : {}),
    ...(c.filingScope ? { filingScope: c.filingScope } : {}),
    ...(c.nip !== undefined ? { nip: c.nip } : {}),
    ...(c.jabatan !== undefined ? { jabatan: c.jabatan } : {}),
    ...(c.mustChangePassword !== undefined ? { mustChangePassword: c.mustChangePassword } : {}),
    ...(c.totpReset ? { totpSecret: null, totpEnabledAt: null, totpLastStep: null } : {}),
    // A reset link mailed before an admin set a password or disabled the account must not undo that.
    ...(c.passwordHash || c.disabled === true ? { passwordResetHash: null, passwordResetExpiresAt: null } : {}),
  };
  if (Object.keys(patch).length) await tx.users.update(userId, patch);
  if (c.totpReset) await tx.recoveryCodes.replace(userId, []);
  return c.disabled === true || c.passwordHash !== undefined || c.totpReset ? tx.sessions.revokeAllOf(userId) : 0;
};

/**
 * Records an account change that reaches above the requesting admin's own clearance: it waits
 * for a second admin cleared for `level` (never the requester). Returned as 202 by the routes.
 */
export const holdForSecondAdmin = async (deps: AppDeps, tx: Repositories, actor: Actor, userId: string, changes: AccessChange, level: SecurityLevel) => {
  const r: AccessRequestRecord = {
    id: randomUUID(),
    userId,
    changes,
    level,
    status: 'pending',
    requestedBy: actor.id,
    requestedAt: deps.clock.now(),
    decidedBy: null,
    decidedAt: null,
  };
  await tx.accessRequests.create(r);
  await tx.audit.append({
    at: r.requestedAt,
    actorId: actor.id,
    action: 'admin.access_request',
    targetType: 'user',
    targetId: userId,
    details: { requestId: r.id, level, changed: Object.keys(presentAccessRequest(r).changes) },
  });
  return presentAccessRequest(r);
};

/**
 * A second admin approves or rejects a waiting change: they must not be the one who asked, and
 * must be cleared for its level themselves. Approval applies it in the same transaction.
 */
export const decideAccessRequest = async (deps: AppDeps, actor: Actor, id: string, approve: boolean) => {
  requireAdmin(actor);
  const r = await deps.db.accessRequests.findById(id);
  if (!r) throw new AppError('not_found', 'no such request');
  if (r.requestedBy === actor.id) throw new AppError('forbidden', 'the admin who asked for a change cannot decide on it; a second admin does');
  if (!clearedFor(actor.clearance, r.level)) throw new AppError('forbidden', `only an admin cleared for ${r.level} decides on this change`);
  if (r.userId === actor.id) throw new AppError('forbidden', 'you cannot decide on a change to your own account');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.accessRequests.decide(id, approve ? 'approved' : 'rejected', actor.id, now)))
      throw new AppError('conflict', 'this request was decided already');
    const ended = approve ? await applyAccessChange(tx, r.userId, r.changes) : 0;
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: approve ? 'admin.access_approve' : 'admin.access_reject',
      targetType: 'user',
      targetId: r.userId,
      details: { requestId: id, requestedBy: r.requestedBy, level: r.level, sessionsEnded: ended },
    });
  });
  return presentAccessRequest((await deps.db.accessRequests.findById(id))!);
};

/** Waiting (or all) requests, newest first (admins). */
export const listAccessRequests = async (
  deps: AppDeps,
  actor: Actor,
  filter: { status?: AccessRequestRecord['status'] | undefined },
  page: number,
  limit: number,
) => {
  requireAdmin(actor);
  const { items, total } = await deps.db.accessRequests.list(filter, page, limit);
  return { items: items.map(presentAccessRequest), total, page, limit };
};

/** The clearance a change to an account of `current` (to `requested`) reaches. */
export const levelOf = (current: SecurityLevel | null, requested: SecurityLevel | undefined): SecurityLevel =>
  stricterLevel(current ?? 'biasa', requested ?? 'biasa');
