import { AppError } from '../../domain/errors.ts';
import { SEND_EMAIL_JOB } from '../../domain/job-types.ts';
import type { Repositories, UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import type { SendOutcome } from '../notifications/send-email.ts';
import { hashToken } from './sessions.ts';

/** What the job table holds for a reset link's e-mail: whose, and the token sealed (never in plain text). */
export interface ResetEmailPayload {
  passwordResetFor: string;
  sealedToken: string;
}

/** The sealed token is bound to its user: copied into another user's job it does not open. */
const context = (userId: string) => `password-reset:${userId}`;

const mailText = (name: string, link: string) =>
  [
    `Yth. ${name},`,
    '',
    'Ada permintaan untuk mengatur ulang kata sandi akun Naskah Anda. Buka tautan ini dalam satu jam untuk memilih kata sandi baru:',
    '',
    link,
    '',
    'Tautan ini hanya berlaku sekali. Jika Anda tidak memintanya, abaikan surel ini: kata sandi Anda tetap.',
    '',
    '— Naskah',
  ].join('\n');

/**
 * Queues the e-mail of a reset link in the caller's transaction (the one that stores the token's
 * hash), so a mail outage delays the link instead of losing it. The token goes into the job's
 * payload sealed with the office's secret key (the one that keeps TOTP seeds), so the job table
 * (or a copy of the database) does not give away a working link.
 */
export const enqueueResetEmail = async (deps: AppDeps, tx: Pick<Repositories, 'jobs'>, user: UserRecord, token: string, now: Date) => {
  const payload: ResetEmailPayload = { passwordResetFor: user.id, sealedToken: deps.totpSecrets.seal(token, context(user.id)) };
  await tx.jobs.enqueue({ type: SEND_EMAIL_JOB, payload: { ...payload }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
};

/**
 * The `send-email` job for a reset link. The link's own lifetime rules: a link already used,
 * expired, or replaced by a newer request (its hash is no longer the user's) is not sent, nor
 * for an account disabled or without an address since, nor when the token no longer opens (the
 * key changed, say after a restore). The mail server down: a 503 `mail`, retried later without
 * spending an attempt; a refusal fails the job (on the failed-jobs page).
 */
export const sendResetEmail = async (deps: AppDeps, p: ResetEmailPayload): Promise<SendOutcome> => {
  const user = await deps.db.users.findById(p.passwordResetFor);
  if (!user?.email || user.disabled || !deps.mailer.configured) return 'dropped';
  if (!user.passwordResetHash || !user.passwordResetExpiresAt || user.passwordResetExpiresAt.getTime() <= deps.clock.now().getTime()) return 'not-pending';
  let token: string;
  try {
    token = deps.totpSecrets.open(p.sealedToken, context(user.id));
  } catch {
    return 'dropped';
  }
  if (hashToken(token) !== user.passwordResetHash) return 'not-pending';
  // In the fragment: browsers never send it to a server, so it stays out of access logs.
  const link = `${deps.publicUrl.replace(/\/+$/, '')}/reset-password#token=${token}`;
  const r = await deps.mailer.send({ to: user.email, subject: 'Naskah: atur ulang kata sandi', text: mailText(user.name, link) });
  if (r.status === 'sent') return 'sent';
  if (r.status === 'unavailable') throw new AppError('unavailable', `the mail server cannot be used: ${r.reason}`, { backend: 'mail' });
  throw new AppError('invalid', `the mail server refused the message: ${r.reason}`);
};
