import type { SecurityLevel } from '../../domain/security-level.ts';
import type { AppDeps } from '../deps.ts';
import { createUnit } from './manage-units.ts';
import { createUser } from './manage-users.ts';

export const ROOT_UNIT = { code: 'ORG', name: 'Organisasi' };

/**
 * First start: with no users and ADMIN_USERNAME/ADMIN_PASSWORD set, creates the root unit and
 * that admin. Returns whether it created one. The admin enrols a second factor at first login.
 */
export const bootstrapAdmin = async (deps: AppDeps, admin: { username: string; password: string } | undefined, clearance: SecurityLevel = 'biasa'): Promise<boolean> => {
  if (!admin || (await deps.db.users.count()) > 0) return false;
  if (!(await deps.db.units.findByCode(ROOT_UNIT.code))) await createUnit(deps, null, ROOT_UNIT);
  await createUser(deps, null, { username: admin.username, password: admin.password, name: 'Administrator', roles: ['admin'], unitCode: ROOT_UNIT.code, clearance });
  return true;
};
