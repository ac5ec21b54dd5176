/**
 * Length, not composition (NIST SP 800-63B §5.1.1.2): at least 8 characters, long passphrases
 * welcome (any characters, counted as the user sees them), no rules about digits or symbols,
 * which push people to predictable patterns. What NIST does ask for instead is refusing
 * passwords attackers try first: the most common ones and the account's own name.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/**
 * The form a password is hashed, verified and judged in: Unicode NFKC, so the same password
 * typed on another keyboard or operating system (composed or decomposed accents, full-width
 * forms, a no-break space pasted from a document) is the same password.
 */
export const normalisePassword = (password: string): string => password.normalize('NFKC');

/** The form compared with the list of common passwords and with the username: NFKC, lower case. */
export const passwordKey = (password: string): string => normalisePassword(password).toLowerCase();

/** Why a password is refused for its length or emptiness, or null when those are fine. */
export const passwordProblem = (password: string): string | null => {
  const normal = normalisePassword(password);
  const length = [...normal].length;
  if (length < PASSWORD_MIN) return `at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `at most ${PASSWORD_MAX} characters`;
  if (normal.trim() === '') return 'not only spaces';
  return null;
};

/**
 * Why a password is among the first an attacker tries (ASVS V6): on the list of the most common
 * ones (`isCommon` is asked with `passwordKey`), or containing the username in any case. Null
 * when it is neither.
 */
export const guessablePassword = (password: string, username: string, isCommon: (key: string) => boolean): string | null => {
  const key = passwordKey(password);
  if (isCommon(key)) return 'one of the most common passwords; choose another, for example a few random words';
  const name = username.normalize('NFKC').trim().toLowerCase();
  if (name !== '' && key.includes(name)) return 'must not contain the username';
  return null;
};
