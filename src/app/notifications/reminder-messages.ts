import type { IncomingLetterRecord } from '../../domain/correspondence.ts';
import { formatOfficeTime } from '../../domain/office-time.ts';
import type { ReminderKind } from '../../domain/reminders.ts';
import { securityRank } from '../../domain/security-level.ts';

/** What a reminder names: the letter, when it is due, and (for the sender) whom it went to. */
export interface ReminderContext {
  letter: Pick<IncomingLetterRecord, 'agendaNumber' | 'agendaYear' | 'unitCode' | 'subject' | 'securityLevel'> | null;
  dueAt: Date;
  timeZone: string;
  /** The addressee as the sender knows them: a person's name, or "unit BKD-MUT". */
  addressee: string;
  /** The recipient is not cleared for the letter's level (they hold it through their unit): no subject. */
  notCleared?: boolean;
}

// A reminder may leave the building by email: the subject of a secret letter stays inside, and
// someone not cleared for the letter never gets it.
export const letterLabel = (l: ReminderContext['letter'], notCleared: boolean): string => {
  if (!l) return 'surat / letter';
  const agenda = `No. Agenda ${l.agendaNumber}/${l.agendaYear} (${l.unitCode})`;
  return notCleared || securityRank(l.securityLevel) >= securityRank('rahasia')
    ? `${agenda}, perihal dirahasiakan / subject withheld`
    : `${agenda} "${l.subject.slice(0, 200)}"`;
};

/** The text of a reminder, in Indonesian then English. */
export const reminderMessage = (kind: ReminderKind, c: ReminderContext): string => {
  const letter = letterLabel(c.letter, c.notCleared ?? false);
  const due = formatOfficeTime(c.dueAt, c.timeZone);
  switch (kind) {
    case 'due_soon':
      return `Pengingat: disposisi surat ${letter} jatuh tempo ${due}. — Reminder: the disposition of letter ${letter} is due ${due}.`;
    case 'due_today':
      return `Hari ini batas waktu disposisi surat ${letter}: ${due}. — Due today: the disposition of letter ${letter}, by ${due}.`;
    case 'overdue':
      return `Disposisi surat ${letter} melewati batas waktu ${due} dan belum diselesaikan. — The disposition of letter ${letter} is overdue since ${due} and not completed.`;
    case 'overdue_escalation':
      return `Disposisi Anda kepada ${c.addressee} atas surat ${letter} melewati batas waktu ${due} dan belum diselesaikan. — Your disposition to ${c.addressee} of letter ${letter} is overdue since ${due} and not completed.`;
  }
};

/** The subject line of a reminder's email. */
export const reminderEmailSubject = (kind: string): string =>
  ({
    due_soon: '[Naskah] Pengingat disposisi / Disposition reminder',
    due_today: '[Naskah] Batas waktu disposisi hari ini / Disposition due today',
    overdue: '[Naskah] Disposisi melewati batas waktu / Disposition overdue',
    overdue_escalation: '[Naskah] Disposisi Anda melewati batas waktu / Your disposition is overdue',
  })[kind] ?? '[Naskah] Pemberitahuan / Notification';
