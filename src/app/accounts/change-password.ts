import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { countAttempt, settleFailure, settleSuccess, throttleKeys } from './login-throttle.ts';
import { checkNewPassword, hashPassword, passwordMatches } from './passwords.ts';

/**
 * Changes the caller's own password after checking the current one (a stolen session alone
 * cannot do it; wrong guesses count toward the account's back-off). Every session of the user,
 * this one included, ends: they log in again with the new password. This is also the one thing
 * the session of a login with an admin's temporary password may do; afterwards it is the user's own.
 */
export const changePassword = async (
  deps: AppDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  ip: string | undefined,
): Promise<void> => {
  const user = await deps.db.users.findById(actor.id);
  if (!user) throw new AppError('unauthenticated', 'the account no longer exists');
  const keys = throttleKeys(user.username, ip);
  const counts = await countAttempt(deps, keys);
  if (!(await passwordMatches(deps, user.passwordHash, input.currentPassword))) {
    await settleFailure(deps, keys, counts);
    throw new AppError('invalid', 'the current password is wrong', {
      errors: [{ field: 'currentPassword', message: 'wrong password', code: 'wrong_password' }],
    });
  }
  await settleSuccess(deps, keys);
  await checkNewPassword(deps, input.newPassword, user.username, 'newPassword');
  // An admin knows the temporary password: keeping it would defeat the change.
  if (input.newPassword === input.currentPassword)
    throw new AppError('invalid', 'choose a password other than the current one', {
      problemType: 'password-unchanged',
      errors: [{ field: 'newPassword', message: 'same as the current password', code: 'same_password' }],
    });
  const passwordHash = await hashPassword(deps, input.newPassword);
  await deps.db.transaction(async (tx) => {
    // A reset link mailed earlier dies with the password it was to replace.
    await tx.users.update(user.id, { passwordHash, mustChangePassword: false, passwordResetHash: null, passwordResetExpiresAt: null });
    const revoked = await tx.sessions.revokeAllOf(user.id);
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: user.id,
      action: 'auth.password_change',
      targetType: 'user',
      targetId: user.id,
      details: { sessionsEnded: revoked, temporaryReplaced: user.mustChangePassword },
    });
  });
};
