import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { notifyOutgoing } from './notify-outgoing.ts';
import { decideOwnStep } from './outgoing-review-step.ts';
import { outgoingDetail, visibleOutgoing } from './read-outgoing.ts';

/**
 * The current reviewer returns the draft to its drafter with a comment saying what to change.
 * The letter becomes `returned`; later reviewers of this version are never asked. The drafter
 * answers with a new version (revise-outgoing).
 */
export const returnOutgoing = async (deps: AppDeps, actor: Actor, id: string, comment: string, ifVersion?: number) => {
  if (!comment.trim()) throw new AppError('invalid', 'some values are invalid', { errors: [{ field: 'comment', message: 'say what to change' }] });
  await visibleOutgoing(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    const { letter, step, now } = await decideOwnStep(deps, tx, actor, id, 'returned', comment, ifVersion);
    if (!(await tx.outgoing.setStatus(id, 'in_review', 'returned', {}, now))) throw new AppError('conflict', 'the letter changed a moment ago');
    await notifyOutgoing(deps, tx, 'outgoing_returned', letter, letter.drafterId);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'letter.outgoing_return',
      targetType: 'outgoing_letter',
      targetId: id,
      details: { version: letter.version, position: step.position, documentId: letter.documentId },
    });
  });
  return outgoingDetail(deps.db, (await deps.db.outgoing.findById(id))!);
};
