import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import { enqueueResetEmail } from './reset-email.ts';
import { hashToken, newToken } from './sessions.ts';
import { normaliseUsername } from './usernames.ts';

/** A reset link works for an hour, once. */
const RESET_TTL_MS = 3600_000;
/** A second request within this while sends nothing: nobody fills a colleague's mailbox. */
const RESEND_AFTER_MS = 2 * 60_000;

/** Whether a forgotten password can be reset by email here (else the user asks an admin). */
export const passwordResetOptions = (deps: AppDeps) => ({ email: deps.mailer.configured });

/**
 * Someone forgot their password: when the account exists, is active and has an address, a
 * one-use link valid for an hour is mailed to it (only the token's SHA-256 is kept on the user;
 * a new request replaces the last). The mail is a job written with the token's hash (see
 * reset-email.ts): a mail outage delays it, never loses it. The answer is the same whatever the
 * case and does not wait for the mail server, so neither it nor its timing tells whether the
 * account exists. The routes' request budget (per client address) keeps this from being a mail
 * cannon.
 */
export const requestPasswordReset = async (deps: AppDeps, username: string, ip: string | undefined): Promise<void> => {
  if (!deps.mailer.configured)
    throw new AppError('conflict', 'this office sends no email: ask an admin to set a temporary password', { problemType: 'password-reset-by-admin' });
  const user = await deps.db.users.findByUsername(normaliseUsername(username));
  if (!user?.email || user.disabled) return;
  const now = deps.clock.now();
  const issuedAt = user.passwordResetExpiresAt ? user.passwordResetExpiresAt.getTime() - RESET_TTL_MS : null;
  if (issuedAt !== null && now.getTime() - issuedAt < RESEND_AFTER_MS) return;
  const token = newToken();
  await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { passwordResetHash: hashToken(token), passwordResetExpiresAt: new Date(now.getTime() + RESET_TTL_MS) });
    await tx.audit.append({
      at: now,
      actorId: null,
      action: 'auth.password_reset_request',
      targetType: 'user',
      targetId: user.id,
      details: { ip: ip ?? null },
    });
    await enqueueResetEmail(deps, tx, user, token, now);
  });
  deps.jobsEnqueued?.();
};

/**
 * Sets a new password with a reset token: the token is spent (compare-and-set, so two tabs
 * cannot both use it), every session of the user ends, and any temporary-password flag is
 * cleared, with the audit entry, in one transaction. An unknown, spent or expired token is 422.
 */
export const resetPassword = async (deps: AppDeps, input: { token: string; newPassword: string }, ip: string | undefined): Promise<void> => {
  const hash = hashToken(input.token);
  const invalid = () =>
    new AppError('invalid', 'this reset link is unknown, used or expired: ask for a new one', {
      problemType: 'password-reset-invalid',
      errors: [{ field: 'token', message: 'unknown, used or expired', code: 'token_invalid' }],
    });
  const user = await deps.db.users.findByResetToken(hash, deps.clock.now());
  if (!user || user.disabled) throw invalid();
  await checkNewPassword(deps, input.newPassword, user.username, 'newPassword');
  const passwordHash = await hashPassword(deps, input.newPassword);
  await deps.db.transaction(async (tx) => {
    if (!(await tx.users.spendResetToken(user.id, hash, { passwordHash, mustChangePassword: false }))) throw invalid();
    const revoked = await tx.sessions.revokeAllOf(user.id);
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: user.id,
      action: 'auth.password_reset',
      targetType: 'user',
      targetId: user.id,
      details: { ip: ip ?? null, sessionsEnded: revoked },
    });
  });
};
