import type { DispositionRecord, IncomingLetterRecord } from '../../domain/correspondence.ts';
import { clearedFor, type SecurityLevel } from '../../domain/security-level.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { recordNotification } from '../notifications/record-notification.ts';
import { letterLabel } from '../notifications/reminder-messages.ts';
import { activeMembersOf } from './disposition-access.ts';

/** Why someone hears about a disposition (issue 13): it came, it was reported on, it was taken back. */
export type DispositionNotice = 'disposition_new' | 'disposition_report' | 'disposition_withdrawn';

const text = (kind: DispositionNotice, letter: string, by: string): string => {
  switch (kind) {
    case 'disposition_new':
      return `Disposisi baru dari ${by} atas surat ${letter}. — A new disposition from ${by} of letter ${letter}.`;
    case 'disposition_report':
      return `${by} melaporkan selesainya disposisi Anda atas surat ${letter}. — ${by} reported back on your disposition of letter ${letter}.`;
    case 'disposition_withdrawn':
      return `Disposisi dari ${by} atas surat ${letter} ditarik kembali. — The disposition from ${by} of letter ${letter} was withdrawn.`;
  }
};

/**
 * Who hears of a disposition: its holder (a person, or each active member of the unit it went
 * to), or for a report its sender. Read before the transaction that records the notices.
 */
export const noticeRecipients = async (deps: AppDeps, kind: DispositionNotice, d: DispositionRecord): Promise<string[]> => {
  if (kind === 'disposition_report') return [d.fromUserId];
  if (d.toUserId) return [d.toUserId];
  return (await activeMembersOf(deps, d.toUnitCode!)).map((m) => m.id);
};

/**
 * Records the notice to each of `to` (in-app at once, by email where the person has an address
 * and SMTP is set) in the caller's transaction; one not cleared for the letter's level is told
 * without its subject. Once per disposition, kind and person; never to the one who acted.
 */
export const notifyDisposition = async (
  deps: AppDeps,
  tx: Repositories,
  kind: DispositionNotice,
  d: DispositionRecord,
  letter: IncomingLetterRecord,
  o: { level: SecurityLevel; byUserId: string; to: string[] },
): Promise<void> => {
  const by = (await tx.users.findById(o.byUserId))?.name ?? 'seseorang / someone';
  for (const id of o.to) {
    const user = await tx.users.findById(id);
    if (!user || user.disabled || id === o.byUserId) continue;
    await recordNotification(deps, tx, user, {
      kind,
      dedupeKey: `disposition:${d.id}:${kind}:${id}`,
      subjectType: 'disposition',
      subjectId: d.id,
      message: text(kind, letterLabel(letter, !clearedFor(user.clearance, o.level)), by),
    });
  }
};
