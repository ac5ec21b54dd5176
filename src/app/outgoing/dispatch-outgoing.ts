import type { Actor } from '../../domain/access.ts';
import type { DispatchVia } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import { outgoingDetail, visibleOutgoing } from './read-outgoing.ts';

/**
 * A clerk records that a signed letter was sent out (ekspedisi): how, and a note such as a
 * receipt number. Once only: a second record, or one for a letter not signed yet, is a 409.
 */
export const dispatchOutgoing = async (deps: AppDeps, actor: Actor, id: string, input: { via: DispatchVia; note: string | null }) => {
  if (!hasRole(actor, 'clerk', 'admin')) throw new AppError('forbidden', 'only a clerk records that a letter was sent out');
  const letter = await visibleOutgoing(deps, actor, id);
  if (letter.status !== 'signed') throw new AppError('conflict', 'only a signed letter can be sent out');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.outgoing.dispatch(id, { at: now, by: actor.id, via: input.via, note: input.note })))
      throw new AppError('conflict', 'this letter is already recorded as sent');
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'letter.outgoing_dispatch',
      targetType: 'outgoing_letter',
      targetId: id,
      details: { via: input.via, note: input.note, letterNumber: letter.letterNumber, documentId: letter.documentId },
    });
  });
  return outgoingDetail(deps.db, (await deps.db.outgoing.findById(id))!);
};
