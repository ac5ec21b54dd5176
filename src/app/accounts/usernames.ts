/**
 * Usernames are kept and looked up lower-cased and trimmed, so `Siti` and `siti` are one
 * account on SQLite as on MySQL (whose default collation already ignores case).
 */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();
