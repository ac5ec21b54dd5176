/** Roles a user may hold; what each may do is decided in domain/permissions.ts. */
export const ROLES = ['admin', 'clerk', 'official', 'staff', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
