import type { DispositionRecord, IncomingLetterRecord } from '../../domain/correspondence.ts';
import { dispositionLevel } from '../../domain/disposition-rules.ts';
import { DUE_SOON_MS, type DueReminder, remindersDue } from '../../domain/reminders.ts';
import { clearedFor } from '../../domain/security-level.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { recordNotification } from './record-notification.ts';
import { reminderMessage } from './reminder-messages.ts';

const PAGE = 200;

/**
 * Dedupe keys this process has seen recorded. The database alone makes a reminder exist once
 * (its unique key); the memo only spares it the same refused insert on every pass for every
 * disposition that stays overdue. It keeps the keys of the last full pass, so it stays small.
 */
export class ReminderMemo {
  private keys = new Set<string>();
  has(key: string): boolean {
    return this.keys.has(key);
  }
  add(key: string): void {
    this.keys.add(key);
  }
  /** Forgets keys a full pass no longer produced (completed dispositions). */
  keepOnly(seen: Set<string>): void {
    for (const k of this.keys) if (!seen.has(k)) this.keys.delete(k);
  }
  get size(): number {
    return this.keys.size;
  }
}

export interface ScanOutcome {
  /** Open dispositions due within 24 h or overdue, looked at. */
  dispositions: number;
  /** Notifications recorded by this pass (0 when another pass or process got there first). */
  recorded: number;
}

/** Memoises a lookup for one pass. */
const perPass = <K, V>(load: (k: K) => Promise<V>) => {
  const m = new Map<K, Promise<V>>();
  return (k: K): Promise<V> => {
    let p = m.get(k);
    if (!p) m.set(k, (p = load(k)));
    return p;
  };
};

const activeMembersOf = async (deps: AppDeps, unitCode: string): Promise<UserRecord[]> => {
  const out: UserRecord[] = [];
  for (let page = 1; ; page++) {
    const { items } = await deps.db.users.list({ unitCode }, page, 100);
    out.push(...items.filter((u) => !u.disabled && u.unitCode === unitCode));
    if (items.length < 100) return out;
  }
};

/**
 * Records the deadline reminders due now (see domain/reminders.ts): `due_soon` and `due_today`
 * to the holders, `overdue` to the holders and `overdue_escalation` to the sender. Each is
 * recorded once by its dedupe key however often this runs, in however many processes, across
 * restarts. A reminder is mailed (emailState `pending`) when its user has an email address and
 * SMTP is configured. Pages through every open disposition due by now + 24 h.
 */
export const scanReminders = async (deps: AppDeps, memo: ReminderMemo = new ReminderMemo()): Promise<ScanOutcome> => {
  const now = deps.clock.now();
  const timeZone = deps.officeTimeZone;
  const user = perPass((id: string) => deps.db.users.findById(id));
  const members = perPass((code: string) => activeMembersOf(deps, code));
  const letter = perPass((id: string) => deps.db.incoming.findById(id));
  const documentLevel = perPass(async (id: string) => (await deps.db.documents.findById(id))?.securityLevel ?? null);
  const seen = new Set<string>();
  const outcome: ScanOutcome = { dispositions: 0, recorded: 0 };

  const record = async (d: DispositionRecord, r: DueReminder, to: UserRecord, l: IncomingLetterRecord | null) => {
    const addressee = d.toUserId ? ((await user(d.toUserId))?.name ?? 'penerima / addressee') : `unit ${d.toUnitCode}`;
    // A unit's member (or a sender who forwarded from there) may not be cleared for the letter.
    const notCleared = l !== null && !clearedFor(to.clearance, dispositionLevel(l.securityLevel, await documentLevel(l.documentId)));
    const message = reminderMessage(r.kind, { letter: l, dueAt: d.dueAt!, timeZone, addressee, notCleared });
    // The notice and its email job commit together: a reminder is never mailed without being recorded, nor recorded without its email.
    const added = await deps.db.transaction((tx) =>
      recordNotification(deps, tx, to, { kind: r.kind, dedupeKey: r.dedupeKey, subjectType: 'disposition', subjectId: d.id, message }),
    );
    if (added) deps.jobsEnqueued?.(); // its email job, if it has one, goes now rather than at the next poll
    if (added) outcome.recorded++;
  };

  for (let after: string | null = null; ; ) {
    const page: DispositionRecord[] = await deps.db.dispositions.openDueBy(new Date(now.getTime() + DUE_SOON_MS), PAGE, after);
    for (const d of page) {
      outcome.dispositions++;
      const holders = d.toUserId ? [d.toUserId] : d.toUnitCode ? (await members(d.toUnitCode)).map((u) => u.id) : [];
      for (const r of remindersDue(d, holders, now, timeZone)) {
        seen.add(r.dedupeKey);
        if (memo.has(r.dedupeKey)) continue;
        const to = await user(r.userId);
        // A disabled account is not written to; should it come back, the next pass catches up.
        if (!to || to.disabled) continue;
        await record(d, r, to, await letter(d.letterId));
        memo.add(r.dedupeKey);
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  memo.keepOnly(seen);
  return outcome;
};
