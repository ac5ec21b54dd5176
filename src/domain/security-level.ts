/** Security levels (klasifikasi keamanan), lowest first. A user's clearance is one of these. */
export const SECURITY_LEVELS = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

export const securityRank = (level: SecurityLevel): number => SECURITY_LEVELS.indexOf(level);

export const isSecurityLevel = (v: unknown): v is SecurityLevel =>
  typeof v === 'string' && (SECURITY_LEVELS as readonly string[]).includes(v);
