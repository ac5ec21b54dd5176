import { AppError } from '../../domain/errors.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { AppDeps } from '../deps.ts';
import { createUnit } from './manage-units.ts';
import { createUser } from './manage-users.ts';

export const ROOT_UNIT = { code: 'ORG', name: 'Organisasi' };

/**
 * First start: with no users and ADMIN_USERNAME/ADMIN_PASSWORD set, creates the root unit and
 * that admin. Returns whether it created one. The admin enrols a second factor at first login.
 * A password the policy refuses stops the start, naming the variable to change.
 */
export const bootstrapAdmin = async (
  deps: AppDeps,
  admin: { username: string; password: string } | undefined,
  clearance: SecurityLevel = 'biasa',
): Promise<boolean> => {
  if (!admin || (await deps.db.users.count()) > 0) return false;
  if (!(await deps.db.units.findByCode(ROOT_UNIT.code))) await createUnit(deps, null, ROOT_UNIT);
  await createUser(deps, null, {
    username: admin.username,
    password: admin.password,
    name: 'Administrator',
    roles: ['admin'],
    unitCode: ROOT_UNIT.code,
    clearance,
  }).catch((e: unknown) => {
    if (e instanceof AppError && e.errors?.some((f) => f.field === 'password'))
      throw new AppError('invalid', `ADMIN_PASSWORD: ${e.detail}`, { errors: e.errors });
    throw e;
  });
  return true;
};
