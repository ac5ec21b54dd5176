import type { AppDeps } from '../deps.ts';
import { type ReminderMemo, scanReminders } from './scan-reminders.ts';

interface Log {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

/** One tick of the worker's reminder timer: record the reminders due now (their emails are jobs of their own). */
export const reminderRound = async (deps: AppDeps, memo: ReminderMemo, log: Log): Promise<void> => {
  const scan = await scanReminders(deps, memo);
  if (scan.recorded) log.info({ ...scan }, 'recorded deadline reminders');
};
