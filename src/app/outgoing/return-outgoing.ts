import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { notifyOutgoing } from './notify-outgoing.ts';
import { decideOwnStep, requireCurrentVersion } from './outgoing-review-step.ts';
import { outgoingDetail, visibleOutgoing } from './read-outgoing.ts';

/**
 * Returns the draft to its drafter with a comment saying what to change: the current reviewer
 * while it is in review (later reviewers of this version are never asked), or its signer once
 * it is approved (issue 13; the comment is kept on the letter as `signerReturn`). The letter
 * becomes `returned`, the drafter is told; they answer with a new version (revise-outgoing),
 * which goes through the reviewers again.
 */
export const returnOutgoing = async (deps: AppDeps, actor: Actor, id: string, comment: string, ifVersion?: number) => {
  if (!comment.trim())
    throw new AppError('invalid', 'some values are invalid', { errors: [{ field: 'comment', message: 'say what to change', code: 'required' }] });
  const seen = await visibleOutgoing(deps, actor, id);
  const bySigner = seen.status === 'approved' && seen.signerId === actor.id;
  if (seen.signerId === actor.id && seen.status !== 'approved' && seen.status !== 'in_review')
    throw new AppError('conflict', `the letter is ${seen.status}; its signer returns only an approved letter`);
  await deps.db.transaction(async (tx) => {
    if (bySigner) {
      const letter = await tx.outgoing.findById(id);
      if (!letter) throw new AppError('not_found', 'no such letter');
      requireCurrentVersion(letter.version, ifVersion);
      const now = deps.clock.now();
      // A compare-and-set: a signing or another return that got there first makes this a 409.
      if (!(await tx.outgoing.setStatus(id, 'approved', 'returned', { signerReturnedAt: now, signerReturnComment: comment }, now)))
        throw new AppError('conflict', 'the letter was signed or returned a moment ago');
      await notifyOutgoing(deps, tx, 'outgoing_returned', letter, letter.drafterId);
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'letter.outgoing_return',
        targetType: 'outgoing_letter',
        targetId: id,
        details: { version: letter.version, by: 'signer', documentId: letter.documentId },
      });
      return;
    }
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
