import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/roles.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { AppDeps } from '../deps.ts';
import { presentUser } from './present-user.ts';

export interface NewUserInput {
  username: string;
  password: string;
  name: string;
  role: Role;
  unitCode: string;
  clearance: SecurityLevel;
}

const requireAdmin = (actor: Actor | null) => {
  if (actor && actor.role !== 'admin') throw new AppError('forbidden', 'only an admin may manage accounts and units');
};

/** Creates a user (admin only; `actor` null means the shell or the first start). */
export const createUser = async (deps: AppDeps, actor: Actor | null, input: NewUserInput) => {
  requireAdmin(actor);
  if (!(await deps.db.units.findByCode(input.unitCode))) {
    throw new AppError('invalid', 'unknown unit', { errors: [{ field: 'unitCode', message: `no unit with code ${input.unitCode}` }] });
  }
  const passwordHash = await deps.hasher.hash(input.password);
  const user = await deps.db.transaction(async (tx) => {
    const created = await tx.users
      .create({ id: randomUUID(), username: input.username, passwordHash, name: input.name, role: input.role, unitCode: input.unitCode, clearance: input.clearance, disabled: false })
      .catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'conflict') throw new AppError('conflict', `the username ${input.username} is taken`);
        throw e;
      });
    await tx.audit.append({ at: deps.clock.now(), actorId: actor?.id ?? null, action: 'admin.user_create', targetType: 'user', targetId: created.id, details: { username: input.username, role: input.role, unitCode: input.unitCode } });
    return created;
  });
  return presentUser(user);
};

/** Creates a unit under an existing parent (admin only). */
export const createUnit = async (deps: AppDeps, actor: Actor | null, input: { code: string; name: string; parentCode?: string | undefined }) => {
  requireAdmin(actor);
  if (input.parentCode && !(await deps.db.units.findByCode(input.parentCode))) {
    throw new AppError('invalid', 'unknown parent unit', { errors: [{ field: 'parentCode', message: `no unit with code ${input.parentCode}` }] });
  }
  return deps.db.transaction(async (tx) => {
    const unit = await tx.units.create({ code: input.code, name: input.name, parentCode: input.parentCode ?? null }).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'conflict') throw new AppError('conflict', `the unit code ${input.code} exists`);
      throw e;
    });
    await tx.audit.append({ at: deps.clock.now(), actorId: actor?.id ?? null, action: 'admin.unit_create', targetType: 'unit', targetId: unit.code, details: { name: unit.name, parentCode: unit.parentCode } });
    return unit;
  });
};

export const ROOT_UNIT = { code: 'ORG', name: 'Organisasi' };

/**
 * First start: with no users and ADMIN_USERNAME/ADMIN_PASSWORD set, creates the root unit and
 * that admin. Returns whether it created one.
 */
export const bootstrapAdmin = async (deps: AppDeps, admin: { username: string; password: string } | undefined): Promise<boolean> => {
  if (!admin || (await deps.db.users.count()) > 0) return false;
  if (!(await deps.db.units.findByCode(ROOT_UNIT.code))) await createUnit(deps, null, ROOT_UNIT);
  await createUser(deps, null, { username: admin.username, password: admin.password, name: 'Administrator', role: 'admin', unitCode: ROOT_UNIT.code, clearance: 'biasa' });
  return true;
};
