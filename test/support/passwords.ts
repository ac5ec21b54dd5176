/**
 * A test user's password: `sandi-<username backwards>-<suffix>`. Distinct per user and easy to
 * write again in a test, but never containing the username, which the password policy refuses.
 */
export const passwordOf = (username: string, suffix = '123'): string => `sandi-${[...username].reverse().join('')}-${suffix}`;
