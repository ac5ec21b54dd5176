import { randomUUID } from 'node:crypto';
import { SEND_EMAIL_JOB } from '../../domain/job-types.ts';
import type { Repositories, UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';

/** What a notice says and what it is about; unique per dedupeKey. */
export interface Notice {
  kind: string;
  dedupeKey: string;
  subjectType: string;
  subjectId: string;
  message: string;
}

/**
 * Records an in-app notice to `to` in the caller's transaction, once per dedupe key, and when
 * the user has an address and SMTP is configured, its email as a job in the same transaction (so
 * it gets the job table's retries, the failed-jobs page and its retry). True when recorded now.
 */
export const recordNotification = async (deps: AppDeps, tx: Pick<Repositories, 'notifications' | 'jobs'>, to: UserRecord, n: Notice): Promise<boolean> => {
  const mailed = Boolean(to.email) && deps.mailer.configured;
  const id = randomUUID();
  const now = deps.clock.now();
  const added = await tx.notifications.add({ id, userId: to.id, ...n, readAt: null, emailState: mailed ? 'pending' : 'none', createdAt: now });
  if (added && mailed) await tx.jobs.enqueue({ type: SEND_EMAIL_JOB, payload: { notificationId: id }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
  return added;
};
