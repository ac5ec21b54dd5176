/** Security levels (klasifikasi keamanan), lowest first. A user's clearance is one of these. */
export const SECURITY_LEVELS = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

export const securityRank = (level: SecurityLevel): number => SECURITY_LEVELS.indexOf(level);

export const isSecurityLevel = (v: unknown): v is SecurityLevel => typeof v === 'string' && (SECURITY_LEVELS as readonly string[]).includes(v);

/** The stricter (higher) of two levels. */
export const stricterLevel = (a: SecurityLevel, b: SecurityLevel): SecurityLevel => (securityRank(a) >= securityRank(b) ? a : b);

/** Whether a clearance admits a level. */
export const clearedFor = (clearance: SecurityLevel, level: SecurityLevel): boolean => securityRank(clearance) >= securityRank(level);

/**
 * Whether an admin cleared `actor` needs a second admin for a change to an account: raising
 * anyone (a new account too) above the actor's own clearance, or changing the credentials or
 * access of an account cleared above it (a password or second factor reset would hand the actor
 * that account). `target` is null for a new account.
 */
export const needsSecondAdmin = (actor: SecurityLevel, target: SecurityLevel | null, requested: SecurityLevel | undefined): boolean =>
  (requested !== undefined && securityRank(requested) > securityRank(actor)) || (target !== null && securityRank(target) > securityRank(actor));
