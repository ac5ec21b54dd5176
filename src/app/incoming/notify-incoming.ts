import type { IncomingLetterRecord } from '../../domain/correspondence.ts';
import { clearedFor } from '../../domain/security-level.ts';
import type { Repositories, UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { recordNotification } from '../notifications/record-notification.ts';
import { letterLabel } from '../notifications/reminder-messages.ts';

/**
 * Who waits for a letter registered for a unit: the unit's active officials cleared for its
 * level (they dispose it). Read before the transaction that registers the letter.
 */
export const officialsOf = async (deps: AppDeps, unitCode: string): Promise<UserRecord[]> => {
  const out: UserRecord[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await deps.db.users.list({ unitCode, role: 'official' }, page, 100);
    out.push(...items.filter((u) => !u.disabled && u.unitCode === unitCode));
    if (items.length === 0 || page * 100 >= total) return out;
  }
};

/** Tells each of `officials` cleared for the letter that it waits for a disposition (issue 13), in the caller's transaction. */
export const notifyRegistered = async (
  deps: AppDeps,
  tx: Pick<Repositories, 'notifications' | 'jobs'>,
  letter: IncomingLetterRecord,
  officials: UserRecord[],
): Promise<void> => {
  const label = letterLabel(letter, false);
  for (const u of officials) {
    if (!clearedFor(u.clearance, letter.securityLevel)) continue;
    await recordNotification(deps, tx, u, {
      kind: 'incoming_registered',
      dedupeKey: `incoming:${letter.id}:registered:${u.id}`,
      subjectType: 'incoming_letter',
      subjectId: letter.id,
      message: `Surat masuk ${label} dicatat untuk unit Anda dan menunggu disposisi. — Incoming letter ${label} was registered for your unit and waits for a disposition.`,
    });
  }
};
