import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { reminderEmailSubject } from './reminder-messages.ts';

/** What became of one notification's email. */
export type SendOutcome = 'sent' | 'dropped' | 'not-pending';

/**
 * The `send-email` job: mails one notification, at most once. The notification is taken
 * `pending → sending` (or `failed → sending`, when an admin retried the job) by compare-and-set
 * BEFORE the mail server is called; a process killed between that and `sent` leaves it
 * `sending`, and the job, taken over after its lease, does not send it again (it may have gone
 * out). Then:
 * - the server could not be used (unreachable, login refused): nothing was handed over, back to
 *   `pending`, and the job fails as an outage (503 `mail`): retried with growing pauses up to a
 *   minute, without spending an attempt;
 * - the server refused the message: `failed`, and the job fails at once (no retry: it is on the
 *   failed-jobs page, where an admin may retry it);
 * - the user lost their address or was disabled since: `none`, in-app only.
 */
export const sendNotificationEmail = async (deps: AppDeps, input: { notificationId: string }): Promise<SendOutcome> => {
  const n = await deps.db.notifications.findById(input.notificationId);
  if (!n || (n.emailState !== 'pending' && n.emailState !== 'failed')) return 'not-pending';
  if (!(await deps.db.notifications.setEmailState(n.id, n.emailState, 'sending'))) return 'not-pending'; // another process has it
  const user = await deps.db.users.findById(n.userId);
  if (!user?.email || user.disabled || !deps.mailer.configured) {
    await deps.db.notifications.setEmailState(n.id, 'sending', 'none');
    return 'dropped';
  }
  const r = await deps.mailer.send({ to: user.email, subject: reminderEmailSubject(n.kind), text: `${n.message}\n\n— Naskah` });
  if (r.status === 'sent') {
    await deps.db.notifications.setEmailState(n.id, 'sending', 'sent');
    return 'sent';
  }
  if (r.status === 'unavailable') {
    await deps.db.notifications.setEmailState(n.id, 'sending', 'pending');
    throw new AppError('unavailable', `the mail server cannot be used: ${r.reason}`, { backend: 'mail' });
  }
  await deps.db.notifications.setEmailState(n.id, 'sending', 'failed');
  throw new AppError('invalid', `the mail server refused the message: ${r.reason}`);
};

/** A send-email job that gave up for another reason (the database, say): its email is failed, as a refused one. */
export const markEmailFailed = async (deps: AppDeps, notificationId: string): Promise<void> => {
  await deps.db.notifications.setEmailState(notificationId, 'pending', 'failed');
};
