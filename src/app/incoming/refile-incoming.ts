import { randomUUID } from 'node:crypto';
import { type Actor, canFileFor } from '../../domain/access.ts';
import { agendaScope, type IncomingLetterRecord } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import type { IncomingDetails } from '../../domain/incoming-corrections.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { classifyRefusal } from '../documents/store-original.ts';

/**
 * What a correction of a letter's security level or unit must pass before anything is written:
 * nobody classifies above their own clearance (403, as for a document), and the new unit exists
 * (422) and lies within the units the clerk files for (403 outside-filing-scope). For a move, the
 * new unit's counter row is made first (see CounterRepository.ensure).
 */
export const checkRefile = async (deps: AppDeps, actor: Actor, letter: IncomingLetterRecord, patch: Partial<IncomingDetails>, changed: readonly string[]) => {
  if (changed.includes('securityLevel')) {
    const refusal = classifyRefusal(actor, patch.securityLevel);
    if (refusal) throw refusal;
  }
  if (!changed.includes('unitCode') || !patch.unitCode) return;
  const units = await deps.db.units.all();
  if (!units.some((u) => u.code === patch.unitCode))
    throw new AppError('invalid', 'unknown unit', { errors: [{ field: 'unitCode', message: `no unit with code ${patch.unitCode}`, code: 'unknown_unit' }] });
  if (!canFileFor(actor, patch.unitCode, units))
    throw new AppError('forbidden', 'you may move a letter only to the units your account files for', {
      problemType: 'outside-filing-scope',
      errors: [{ field: 'unitCode', message: 'outside your filing scope', code: 'outside_reach' }],
    });
  await deps.db.counters.ensure(agendaScope(patch.unitCode, letter.agendaYear));
};

/**
 * Moves a letter to another unit's register inside the correction's transaction. Agenda numbers
 * run without gaps per unit and year, and one taken is never reused: the letter takes the next
 * number of the new unit's register (returned); once it has left, `leaveMark` keeps its old
 * number in the old register as a void entry saying where it went. The letter itself keeps its
 * id, history and routing.
 */
export const nextAgendaNumber = (tx: Repositories, unitCode: string, year: number): Promise<number> => tx.counters.next(agendaScope(unitCode, year));

/** The void entry that keeps a moved letter's old number in its old register; written after the letter left it. */
export const leaveMark = async (tx: Repositories, actor: Actor, letter: IncomingLetterRecord, moved: { unitCode: string; agendaNumber: number }, now: Date) => {
  await tx.incoming.create({
    ...letter,
    id: randomUUID(),
    version: 1,
    voided: { at: now, by: actor.id, reason: `dipindahkan ke unit ${moved.unitCode} sebagai agenda ${moved.agendaNumber}/${letter.agendaYear}` },
    createdAt: now,
    updatedAt: now,
  });
};
