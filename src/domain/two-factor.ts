import { hasRole, type Role } from './roles.ts';
import { securityRank, type SecurityLevel } from './security-level.ts';

/**
 * Who must log in with a second factor: admins (they hold the keys to every account), officials
 * (the role that approves and signs letters), and anyone cleared above `terbatas`.
 */
export const requiresTotp = (user: { roles: readonly Role[]; clearance: SecurityLevel }): boolean =>
  hasRole(user, 'admin', 'official') || securityRank(user.clearance) > securityRank('terbatas');
