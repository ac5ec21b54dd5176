import type { UserRecord } from '../../ports/repositories.ts';

/** The public shape of a user: never the password hash. */
export const presentUser = (u: UserRecord) => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  unitCode: u.unitCode,
  clearance: u.clearance,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});
