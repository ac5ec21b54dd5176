import type { AppDeps } from '../deps.ts';
import { reminderEmailSubject } from './reminder-messages.ts';

export interface SendOutcomeCounts {
  sent: number;
  failed: number;
  /** Taken back to `pending`: the mail server could not be used; tried again next round. */
  deferred: number;
  /** The user has no address (any more) or is disabled: in-app only. */
  dropped: number;
}

interface Log {
  warn(o: object, m: string): void;
}

const BATCH = 50;

/**
 * Mails pending notifications, each at most once. A notification is taken `pending → sending`
 * by compare-and-set BEFORE the mail server is called, so of several processes only one sends
 * it; then `sent`, or `failed` when the server refused it or the line broke mid-way (it may have
 * been delivered: never retried, the in-app notification remains). A process killed between the
 * compare-and-set and `sent` leaves it `sending` for good: it is not sent again.
 * When the server cannot be used at all (unreachable, login refused), nothing was handed over:
 * the notification goes back to `pending` and this round stops, so the next round (the next
 * reminder tick) tries again — one attempt per tick, never a storm.
 */
export const sendPendingEmails = async (deps: AppDeps, log?: Log): Promise<SendOutcomeCounts> => {
  const out: SendOutcomeCounts = { sent: 0, failed: 0, deferred: 0, dropped: 0 };
  if (!deps.mailer.configured) return out;
  for (;;) {
    const batch = await deps.db.notifications.pendingEmails(BATCH);
    for (const n of batch) {
      if (!(await deps.db.notifications.setEmailState(n.id, 'pending', 'sending'))) continue; // another process has it
      const user = await deps.db.users.findById(n.userId);
      if (!user?.email || user.disabled) {
        await deps.db.notifications.setEmailState(n.id, 'sending', 'none');
        out.dropped++;
        continue;
      }
      const r = await deps.mailer.send({ to: user.email, subject: reminderEmailSubject(n.kind), text: `${n.message}\n\n— Naskah` });
      if (r.status === 'sent') {
        await deps.db.notifications.setEmailState(n.id, 'sending', 'sent');
        out.sent++;
      } else if (r.status === 'unavailable') {
        await deps.db.notifications.setEmailState(n.id, 'sending', 'pending');
        out.deferred++;
        log?.warn({ reason: r.reason }, 'mail server unavailable; pending emails wait for the next round');
        return out;
      } else {
        await deps.db.notifications.setEmailState(n.id, 'sending', 'failed');
        out.failed++;
        log?.warn({ notificationId: n.id, reason: r.reason }, 'email refused; not retried (the in-app notification stays)');
      }
    }
    if (batch.length < BATCH) return out;
  }
};
