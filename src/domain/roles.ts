/** Roles a user may hold (one or more); what each may do is decided by the rules in domain/. */
export const ROLES = ['admin', 'clerk', 'official', 'staff', 'archivist', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** Whether someone holding `roles` has any of `wanted`. */
export const hasRole = (holder: { roles: readonly Role[] }, ...wanted: Role[]): boolean => wanted.some((r) => holder.roles.includes(r));

/** Roles in a fixed order without repeats, so storage and comparisons are stable. */
export const normaliseRoles = (roles: readonly Role[]): Role[] => ROLES.filter((r) => roles.includes(r));
