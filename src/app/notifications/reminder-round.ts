import type { AppDeps } from '../deps.ts';
import { type ReminderMemo, scanReminders } from './scan-reminders.ts';
import { sendPendingEmails } from './send-emails.ts';

interface Log {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

/** One tick of the worker's reminder timer: record the reminders due now, then mail what is pending. */
export const reminderRound = async (deps: AppDeps, memo: ReminderMemo, log: Log): Promise<void> => {
  const scan = await scanReminders(deps, memo);
  if (scan.recorded) log.info({ ...scan }, 'recorded deadline reminders');
  const mail = await sendPendingEmails(deps, log);
  if (mail.sent || mail.failed || mail.dropped) log.info({ ...mail }, 'mailed notifications');
};
