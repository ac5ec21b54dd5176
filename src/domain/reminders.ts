import type { DispositionStatus } from './correspondence.ts';
import { startOfDayIn } from './office-time.ts';

/**
 * Deadline reminders of a disposition. Pure: given the disposition, who holds it and the time,
 * which notifications are due. Recording them once each is the caller's (by `dedupeKey`).
 *
 * Phases of an open disposition with a due date, in the office's time zone:
 * - `due_soon`  from dueAt − 24 h (inclusive) until the due day begins;
 * - `due_today` from the start of the due day (inclusive) until dueAt (inclusive: work handed in
 *   at the stroke of the due time is on time);
 * - `overdue`   from the first millisecond after dueAt, for the holders, and `overdue_escalation`
 *   to the sender of the disposition.
 * Only the current phase's reminders are due: a phase the scan missed (the system was down all
 * through it) is skipped rather than sent late, since a later phase says more. A due time of
 * exactly 00:00 local means "by the end of the day before": that day is the due day.
 */
export const REMINDER_KINDS = ['due_soon', 'due_today', 'overdue', 'overdue_escalation'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type ReminderPhase = 'none' | 'due_soon' | 'due_today' | 'overdue';

export const DUE_SOON_MS = 24 * 3600_000;

export interface RemindedDisposition {
  id: string;
  fromUserId: string;
  dueAt: Date | null;
  status: DispositionStatus;
}

export interface DueReminder {
  kind: ReminderKind;
  userId: string;
  dedupeKey: string;
}

/** The key that makes a reminder exist once, however often and wherever it is computed. */
export const reminderKey = (dispositionId: string, kind: ReminderKind, userId: string): string => `disposition:${dispositionId}:${kind}:${userId}`;

/** The start of the due day: the local day holding the last millisecond before dueAt's end. */
export const dueDayStart = (dueAt: Date, timeZone: string): Date => {
  const start = startOfDayIn(dueAt, timeZone);
  return start.getTime() === dueAt.getTime() ? startOfDayIn(new Date(dueAt.getTime() - 1), timeZone) : start;
};

/** Which phase a due date is in at `now`. */
export const reminderPhase = (dueAt: Date, now: Date, timeZone: string): ReminderPhase => {
  const t = now.getTime();
  if (t > dueAt.getTime()) return 'overdue';
  if (t >= dueDayStart(dueAt, timeZone).getTime()) return 'due_today';
  if (t >= dueAt.getTime() - DUE_SOON_MS) return 'due_soon';
  return 'none';
};

/**
 * The reminders due for a disposition at `now`. `holders` are the users who hold it (its
 * addressee, or the active members of its unit); the sender is never reminded as a holder of
 * what they sent (they hear of it through the escalation).
 */
export const remindersDue = (d: RemindedDisposition, holders: readonly string[], now: Date, timeZone: string): DueReminder[] => {
  if (d.status !== 'open' || !d.dueAt) return [];
  const phase = reminderPhase(d.dueAt, now, timeZone);
  if (phase === 'none') return [];
  const out: DueReminder[] = [...new Set(holders)]
    .filter((u) => u !== d.fromUserId)
    .map((userId) => ({ kind: phase, userId, dedupeKey: reminderKey(d.id, phase, userId) }));
  if (phase === 'overdue') out.push({ kind: 'overdue_escalation', userId: d.fromUserId, dedupeKey: reminderKey(d.id, 'overdue_escalation', d.fromUserId) });
  return out;
};
