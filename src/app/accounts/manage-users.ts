import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { type FilingScope, OWN_UNIT } from '../../domain/filing-scope.ts';
import { type Role, normaliseRoles } from '../../domain/roles.ts';
import { needsSecondAdmin, type SecurityLevel } from '../../domain/security-level.ts';
import type { AccessChange, UserRecord } from '../../ports/repositories.ts';
import { applyAccessChange, holdForSecondAdmin, levelOf } from './access-requests.ts';
import type { AppDeps } from '../deps.ts';
import { conflictAs, requireAdmin } from './admin-only.ts';
import { normaliseNip } from '../signing/certificate-holder.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import { presentUser } from './present-user.ts';
import { normaliseUsername } from './usernames.ts';

export interface NewUserInput {
  username: string;
  password: string;
  name: string;
  roles: Role[];
  unitCode: string;
  clearance: SecurityLevel;
  /** Where notifications are mailed (when SMTP is configured). */
  email?: string | null | undefined;
  /** For which units a clerk files (own unit when left out). */
  filingScope?: FilingScope | undefined;
  nip?: string | null | undefined;
  jabatan?: string | null | undefined;
  /** The password is temporary: the first login may only change it (what the web UI always asks). */
  mustChangePassword?: boolean | undefined;
}

export interface UserChanges {
  name?: string | undefined;
  roles?: Role[] | undefined;
  unitCode?: string | undefined;
  clearance?: SecurityLevel | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
  /** null removes it. */
  email?: string | null | undefined;
  filingScope?: FilingScope | undefined;
  /** null removes it. */
  nip?: string | null | undefined;
  /** null removes it. */
  jabatan?: string | null | undefined;
  /** With `password`: it is temporary, to be changed at the next login. */
  mustChangePassword?: boolean | undefined;
}

/** A NIP as stored (digits), null for none; 422 naming `nip` when it is not one. */
const nipOrNull = (nip: string | null | undefined): string | null => (nip ? (normaliseNip(nip) ?? null) : null);

const requireUnit = async (deps: AppDeps, code: string) => {
  if (!(await deps.db.units.findByCode(code)))
    throw new AppError('invalid', 'unknown unit', { errors: [{ field: 'unitCode', message: `no unit with code ${code}`, code: 'unknown_unit' }] });
};

/** Every unit a named filing scope lists must exist (refused field by field, in Indonesian in the UI by its code). */
const requireScopeUnits = async (deps: AppDeps, scope: FilingScope | undefined) => {
  if (scope?.kind !== 'units') return;
  const known = new Set((await deps.db.units.all()).map((u) => u.code));
  const unknown = scope.unitCodes.filter((c) => !known.has(c));
  if (unknown.length)
    throw new AppError('invalid', 'unknown unit in the filing scope', {
      problemType: 'unknown-unit',
      errors: unknown.map((c) => ({ field: 'filingScope.unitCodes', message: `no unit with code ${c}`, code: 'unknown_unit' })),
    });
};

const existing = async (deps: AppDeps, id: string): Promise<UserRecord> => {
  const user = await deps.db.users.findById(id);
  if (!user) throw new AppError('not_found', 'no such user');
  return user;
};

/**
 * Creates a user (admin only; `actor` null means the shell or the first start). An account
 * cleared above the creating admin's own clearance is created at the admin's clearance, and the
 * higher one waits for a second admin cleared for it (`pendingRequest`).
 */
export const createUser = async (deps: AppDeps, actor: Actor | null, input: NewUserInput) => {
  requireAdmin(actor);
  const username = normaliseUsername(input.username);
  await checkNewPassword(deps, input.password, username);
  await requireUnit(deps, input.unitCode);
  await requireScopeUnits(deps, input.filingScope);
  const nip = nipOrNull(input.nip);
  const passwordHash = await hashPassword(deps, input.password);
  const held = actor !== null && needsSecondAdmin(actor.clearance, null, input.clearance);
  const clearance = held ? actor.clearance : input.clearance;
  const out = await deps.db.transaction(async (tx) => {
    const fields = {
      id: randomUUID(),
      username,
      passwordHash,
      name: input.name,
      roles: normaliseRoles(input.roles),
      unitCode: input.unitCode,
      clearance,
      email: input.email ?? null,
      ...(input.filingScope ? { filingScope: input.filingScope } : {}),
      nip,
      jabatan: input.jabatan ?? null,
      // Only an admin's password is temporary: the shell and the first start set the operator's own.
      mustChangePassword: actor !== null && input.mustChangePassword === true,
    };
    const created = await tx.users
      .create({ ...fields, disabled: false, totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .catch(conflictAs(`the username ${username} is taken`));
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor?.id ?? null,
      action: 'admin.user_create',
      targetType: 'user',
      targetId: created.id,
      details: { username, roles: created.roles, unitCode: input.unitCode, clearance, filingScope: input.filingScope ?? OWN_UNIT },
    });
    const pendingRequest = held ? await holdForSecondAdmin(deps, tx, actor, created.id, { clearance: input.clearance }, input.clearance) : undefined;
    return { created, pendingRequest };
  });
  return { ...presentUser(out.created), ...(out.pendingRequest ? { pendingRequest: out.pendingRequest } : {}) };
};

/**
 * Changes a user. Disabling or setting a new password ends every session of theirs at once;
 * role, unit and clearance changes apply from their next request (each request reads the user;
 * one who now needs a second factor and has none is held to enrolment, see sessions.ts).
 * Admins cannot change their own access (disable, roles, clearance, password here): another
 * admin must, so no one raises their own clearance (their own password: /auth/password).
 */
export const updateUser = async (deps: AppDeps, actor: Actor, id: string, changes: UserChanges) => {
  requireAdmin(actor);
  const target = await existing(deps, id);
  if (actor.id === id && (changes.disabled !== undefined || changes.roles || changes.clearance || changes.password !== undefined)) {
    throw new AppError('conflict', 'you cannot change your own access (disable, roles, clearance, password); ask another admin');
  }
  if (changes.unitCode) await requireUnit(deps, changes.unitCode);
  await requireScopeUnits(deps, changes.filingScope);
  if (changes.password !== undefined) await checkNewPassword(deps, changes.password, target.username);
  if (changes.mustChangePassword !== undefined && changes.password === undefined)
    throw new AppError('invalid', 'mustChangePassword goes with a new password', {
      errors: [{ field: 'mustChangePassword', message: 'send password too', code: 'needs_password' }],
    });
  const nip = changes.nip === undefined ? undefined : nipOrNull(changes.nip);
  const change: AccessChange = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.roles ? { roles: normaliseRoles(changes.roles) } : {}),
    ...(changes.unitCode ? { unitCode: changes.unitCode } : {}),
    ...(changes.clearance ? { clearance: changes.clearance } : {}),
    ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
    ...(changes.password ? { passwordHash: await hashPassword(deps, changes.password) } : {}),
    ...(changes.email !== undefined ? { email: changes.email } : {}),
    ...(changes.filingScope ? { filingScope: changes.filingScope } : {}),
    ...(nip !== undefined ? { nip } : {}),
    ...(changes.jabatan !== undefined ? { jabatan: changes.jabatan } : {}),
    ...(changes.password ? { mustChangePassword: changes.mustChangePassword === true } : {}),
  };
  // Only a name or an address may an admin change alone on an account cleared above them.
  const reaching =
    changes.clearance !== undefined ||
    changes.roles !== undefined ||
    changes.unitCode !== undefined ||
    changes.filingScope !== undefined ||
    changes.disabled !== undefined ||
    changes.password !== undefined;
  if (reaching && needsSecondAdmin(actor.clearance, target.clearance, changes.clearance)) {
    const pendingRequest = await deps.db.transaction((tx) => holdForSecondAdmin(deps, tx, actor, id, change, levelOf(target.clearance, changes.clearance)));
    return { ...presentUser(target), pendingRequest };
  }
  await deps.db.transaction(async (tx) => {
    const revoked = await applyAccessChange(tx, id, change);
    // Field names, never the password itself.
    const changed = Object.keys(changes).filter((k) => changes[k as keyof UserChanges] !== undefined);
    const values = {
      ...(change.roles ? { roles: change.roles } : {}),
      ...(change.unitCode ? { unitCode: change.unitCode } : {}),
      ...(change.clearance ? { clearance: change.clearance } : {}),
      ...(change.filingScope ? { filingScope: change.filingScope } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
    };
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'admin.user_update',
      targetType: 'user',
      targetId: id,
      details: { changed, ...values, sessionsEnded: revoked },
    });
  });
  return presentUser(await existing(deps, id));
};

/** Turns a user's second factor off (a lost phone): they enrol again at their next login. */
export const resetTotp = async (deps: AppDeps, actor: Actor, id: string) => {
  requireAdmin(actor);
  if (actor.id === id) throw new AppError('conflict', 'you cannot reset your own second factor; ask another admin');
  const target = await existing(deps, id);
  if (needsSecondAdmin(actor.clearance, target.clearance, undefined)) {
    return deps.db.transaction((tx) => holdForSecondAdmin(deps, tx, actor, id, { totpReset: true }, target.clearance));
  }
  await deps.db.transaction(async (tx) => {
    const revoked = await applyAccessChange(tx, id, { totpReset: true });
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'admin.user_totp_reset',
      targetType: 'user',
      targetId: id,
      details: { sessionsEnded: revoked },
    });
  });
  return null;
};

/** One user (admins, or the user themself). */
export const getUser = async (deps: AppDeps, actor: Actor, id: string) => {
  if (actor.id !== id) requireAdmin(actor);
  return presentUser(await existing(deps, id));
};

/** Users, filtered and paged (admin only). */
export const listUsers = async (deps: AppDeps, actor: Actor, filter: { unitCode?: string; role?: Role; q?: string }, page: number, limit: number) => {
  requireAdmin(actor);
  const { items, total } = await deps.db.users.list(filter, page, limit);
  return { items: items.map(presentUser), total, page, limit };
};
