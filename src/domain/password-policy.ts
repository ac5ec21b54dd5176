/**
 * Length, not composition (NIST SP 800-63B §5.1.1.2): at least 8 characters, long passphrases
 * welcome (any characters, counted as the user sees them), no rules about digits or symbols,
 * which push people to predictable patterns.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Why a password is refused, or null when it is acceptable. */
export const passwordProblem = (password: string): string | null => {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `at most ${PASSWORD_MAX} characters`;
  if (password.trim() === '') return 'not only spaces';
  return null;
};
