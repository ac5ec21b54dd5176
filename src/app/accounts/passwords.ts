import { AppError } from '../../domain/errors.ts';
import { guessablePassword, normalisePassword, PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../domain/password-policy.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Applies the password policy wherever a password is set (an admin creating or resetting an
 * account, the first admin, the shell, a user changing their own), naming the field that
 * carries it. A guessable password gets a problem type of its own, so the UI can say why.
 */
export const checkNewPassword = async (deps: Pick<AppDeps, 'commonPasswords'>, password: string, username: string, field = 'password'): Promise<void> => {
  const problem = passwordProblem(password);
  if (problem) {
    // The same rule the browser checks, said as a length (or as empty when it is only spaces).
    const length = [...normalisePassword(password)].length;
    const rule =
      length < PASSWORD_MIN
        ? ({ code: 'too_small', origin: 'string', limit: PASSWORD_MIN } as const)
        : length > PASSWORD_MAX
          ? ({ code: 'too_big', origin: 'string', limit: PASSWORD_MAX } as const)
          : ({ code: 'required' } as const);
    throw new AppError('invalid', `the password is not acceptable: ${problem}`, { errors: [{ field, message: problem, ...rule }] });
  }
  const common = await deps.commonPasswords.load();
  const guessable = guessablePassword(password, username, (key) => common.has(key));
  if (guessable)
    throw new AppError('invalid', `the password is too easy to guess: ${guessable}`, {
      problemType: 'password-guessable',
      errors: [{ field, message: guessable, code: 'password_guessable' }],
    });
};

/** The hash of a password in its NFKC form (domain/password-policy.ts says why). */
export const hashPassword = (deps: Pick<AppDeps, 'hasher'>, password: string): Promise<string> => deps.hasher.hash(normalisePassword(password));

/**
 * Whether a password matches a stored hash, compared in NFKC form. Hashes made before passwords
 * were normalised are of the password as typed, and only the NFKC form is tried: for ASCII (and
 * any text already in NFKC, which is what keyboards send for Indonesian and English) both forms
 * are the same bytes, so those accounts are unaffected. Trying the raw form as well would double
 * the cost of every failed guess for the sake of passwords with full-width or decomposed
 * characters set before this version; such a user gets a new password from an admin.
 */
export const passwordMatches = (deps: Pick<AppDeps, 'hasher'>, hash: string, password: string): Promise<boolean> =>
  deps.hasher.verify(hash, normalisePassword(password));
