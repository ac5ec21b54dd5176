import { OWN_UNIT } from '../../domain/filing-scope.ts';
import { requiresTotp } from '../../domain/two-factor.ts';
import type { UserRecord } from '../../ports/repositories.ts';

/** The public shape of a user: never the password hash or the second-factor secret. */
export const presentUser = (u: UserRecord) => ({
  id: u.id,
  username: u.username,
  name: u.name,
  // `role` is the first of `roles` (in ROLES order), for clients written against one role per user.
  role: u.roles[0] ?? null,
  roles: u.roles,
  unitCode: u.unitCode,
  clearance: u.clearance,
  filingScope: u.filingScope ?? OWN_UNIT,
  email: u.email,
  nip: u.nip,
  jabatan: u.jabatan,
  mustChangePassword: u.mustChangePassword,
  certificateRequestedAt: u.certificateRequestedAt?.toISOString() ?? null,
  disabled: u.disabled,
  totpEnabled: u.totpEnabledAt !== null,
  totpRequired: requiresTotp(u),
  createdAt: u.createdAt.toISOString(),
});
