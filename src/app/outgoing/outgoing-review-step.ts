import type { Actor } from '../../domain/access.ts';
import type { OutgoingLetterRecord, OutgoingReviewRecord } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { reviewStepFor } from '../../domain/outgoing-rules.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { grantReaders } from '../documents/grant-readers.ts';
import { notifyOutgoing } from './notify-outgoing.ts';

export interface DecidedStep {
  letter: OutgoingLetterRecord;
  reviews: OutgoingReviewRecord[];
  step: OutgoingReviewRecord;
  now: Date;
}

/**
 * Decides the caller's review step of the current version inside `tx`: the rules say whether it
 * is their turn (403) or nothing waits for them (409); the step's pending → decided move is a
 * compare-and-set, so of two simultaneous decisions one wins and the other is a 409.
 */
/**
 * The draft version a client read (If-Match) must still be the current one: a reviewer never
 * initials, returns or revises a version they did not see. 412 otherwise; no precondition, no check.
 */
export const requireCurrentVersion = (current: number, ifVersion: number | undefined): void => {
  if (ifVersion !== undefined && ifVersion !== current) {
    throw new AppError(
      'precondition_failed',
      `the letter has a newer draft (version ${current}) than the one you read (version ${ifVersion}); read it again first`,
      { members: { currentVersion: current } },
    );
  }
};

export const decideOwnStep = async (
  deps: AppDeps,
  tx: Repositories,
  actor: Actor,
  id: string,
  state: 'approved' | 'returned',
  comment: string | null,
  ifVersion?: number,
): Promise<DecidedStep> => {
  const letter = await tx.outgoing.findById(id);
  if (!letter) throw new AppError('not_found', 'no such letter');
  requireCurrentVersion(letter.version, ifVersion);
  const reviews = await tx.outgoing.reviews(id, letter.version);
  const step = reviewStepFor(letter, reviews, actor.id);
  const now = deps.clock.now();
  if (!(await tx.outgoing.decide(id, letter.version, step.position, state, comment, now)))
    throw new AppError('conflict', 'this review step was decided a moment ago');
  return { letter, reviews, step, now };
};

/**
 * The letter is approved: its signer may now read it and hears that it waits for them. Before
 * this the signer has no grant, so (outside the unit line) the letter is invisible to them.
 */
export const handToSigner = async (deps: AppDeps, tx: Repositories, letter: OutgoingLetterRecord): Promise<void> => {
  await grantReaders(deps, tx, letter.documentId, [letter.signerId], 'outgoing_sign');
  await notifyOutgoing(deps, tx, 'outgoing_sign', { ...letter, status: 'approved' }, letter.signerId);
};
