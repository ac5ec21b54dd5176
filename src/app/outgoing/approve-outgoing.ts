import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { nextReviewerAfter } from '../../domain/outgoing-rules.ts';
import type { AppDeps } from '../deps.ts';
import { notifyOutgoing } from './notify-outgoing.ts';
import { decideOwnStep, handToSigner } from './outgoing-review-step.ts';
import { outgoingDetail, visibleOutgoing } from './read-outgoing.ts';

/**
 * The current reviewer initials (paraf) the current version. The next reviewer hears of it; after
 * the last one the letter is `approved` and goes to the signer. The step, the status, the grant,
 * the notice and the audit entry commit together.
 */
export const approveOutgoing = async (deps: AppDeps, actor: Actor, id: string, comment: string | null, ifVersion?: number) => {
  await visibleOutgoing(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    const { letter, reviews, step, now } = await decideOwnStep(deps, tx, actor, id, 'approved', comment, ifVersion);
    const next = nextReviewerAfter(reviews, step.position);
    if (next) await notifyOutgoing(deps, tx, 'outgoing_review', letter, next);
    else {
      if (!(await tx.outgoing.setStatus(id, 'in_review', 'approved', {}, now))) throw new AppError('conflict', 'the letter changed a moment ago');
      await handToSigner(deps, tx, letter);
    }
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'letter.outgoing_approve',
      targetType: 'outgoing_letter',
      targetId: id,
      details: { version: letter.version, position: step.position, documentId: letter.documentId, status: next ? 'in_review' : 'approved' },
    });
  });
  return outgoingDetail(deps.db, (await deps.db.outgoing.findById(id))!);
};
