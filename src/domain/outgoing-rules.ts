import type { OutgoingLetterRecord, OutgoingReviewRecord, OutgoingStatus } from './correspondence.ts';
import { AppError, type FieldError } from './errors.ts';
import { hasRole, type Role } from './roles.ts';
import { securityRank, type SecurityLevel } from './security-level.ts';

/**
 * The rules of an outgoing letter (surat keluar) on its way to signing: who drafts, who reviews
 * (paraf) in which order, who signs, and which status moves are allowed.
 */

/** Roles that write drafts and review them; admins and auditors keep out of correspondence. */
export const LETTER_WORKER_ROLES: readonly Role[] = ['staff', 'official', 'clerk'];
/** More reviewers than this is a mistake in the form, not an office's real routing. */
export const MAX_REVIEWERS = 10;

export const canDraftOutgoing = (actor: { roles: readonly Role[] }): boolean => hasRole(actor, ...LETTER_WORKER_ROLES);

/** A user named on a draft, as the rules need to see them (null: no such user). */
export interface Participant {
  id: string;
  roles: readonly Role[];
  disabled: boolean;
  clearance: SecurityLevel;
}

/**
 * What is wrong with the people named on a draft, field by field (empty: nothing).
 * The signer is an active official; reviewers are active letter workers, each named once,
 * neither the drafter (nobody initials their own draft) nor the signer (their mark is the
 * signature itself). Everyone named must be cleared for the letter's level: a grant of the
 * draft would otherwise let them read above their clearance. A drafter may sign their own letter.
 */
export const participantProblems = (input: {
  drafter: Participant;
  signerId: string;
  reviewerIds: readonly string[];
  securityLevel: SecurityLevel;
  users: ReadonlyMap<string, Participant>;
}): FieldError[] => {
  const problems: FieldError[] = [];
  const cleared = (u: Participant) => securityRank(u.clearance) >= securityRank(input.securityLevel);
  if (!cleared(input.drafter))
    problems.push({ field: 'securityLevel', message: `you are not cleared for ${input.securityLevel} letters`, code: 'not_cleared' });
  const signer = input.users.get(input.signerId);
  if (!signer || signer.disabled) problems.push({ field: 'signerId', message: 'no active user with this id', code: 'unknown_user' });
  else if (!hasRole(signer, 'official')) problems.push({ field: 'signerId', message: 'the signer must be an official', code: 'not_official' });
  else if (!cleared(signer)) problems.push({ field: 'signerId', message: `the signer is not cleared for ${input.securityLevel} letters`, code: 'not_cleared' });
  if (input.reviewerIds.length > MAX_REVIEWERS)
    problems.push({ field: 'reviewerIds', message: `at most ${MAX_REVIEWERS} reviewers`, code: 'too_big', origin: 'array', limit: MAX_REVIEWERS });
  const seen = new Set<string>();
  input.reviewerIds.forEach((id, i) => {
    const field = `reviewerIds.${i}`;
    const u = input.users.get(id);
    if (seen.has(id)) problems.push({ field, message: 'this reviewer is named twice', code: 'duplicate' });
    else if (id === input.drafter.id) problems.push({ field, message: 'the drafter does not review their own draft', code: 'reviewer_is_drafter' });
    else if (id === input.signerId) problems.push({ field, message: 'the signer signs; they are not also a reviewer', code: 'reviewer_is_signer' });
    else if (!u || u.disabled) problems.push({ field, message: 'no active user with this id', code: 'unknown_user' });
    else if (!hasRole(u, ...LETTER_WORKER_ROLES))
      problems.push({ field, message: 'a reviewer must be staff, an official or a clerk', code: 'not_letter_worker' });
    else if (!cleared(u)) problems.push({ field, message: `this reviewer is not cleared for ${input.securityLevel} letters`, code: 'not_cleared' });
    seen.add(id);
  });
  return problems;
};

const MOVES: Record<OutgoingStatus, readonly OutgoingStatus[]> = {
  in_review: ['approved', 'returned'],
  returned: ['in_review'],
  approved: ['signed'],
  signed: [],
};

/** Allowed status moves; anything else is a bug in a use case. */
export const canMoveOutgoing = (from: OutgoingStatus, to: OutgoingStatus): boolean => MOVES[from].includes(to);

/** A new draft goes to its first reviewer, or straight to the signer when nobody reviews. */
export const initialOutgoingStatus = (reviewerCount: number): OutgoingStatus => (reviewerCount > 0 ? 'in_review' : 'approved');

/** Pending review steps for a version, in the order the reviewers were named. */
export const freshReviews = (letterId: string, version: number, reviewerIds: readonly string[]): OutgoingReviewRecord[] =>
  reviewerIds.map((reviewerId, i) => ({ letterId, version, position: i + 1, reviewerId, state: 'pending', comment: null, decidedAt: null }));

/** The step whose turn it is: the lowest pending position (null when nobody is pending). */
export const currentReview = (reviews: readonly OutgoingReviewRecord[]): OutgoingReviewRecord | null =>
  reviews.filter((r) => r.state === 'pending').reduce<OutgoingReviewRecord | null>((a, r) => (a && a.position < r.position ? a : r), null);

/**
 * The review step `actorId` may decide now (approve or return), or the reason they may not:
 * 409 when the letter is not in review or they decided already, 403 when they are no reviewer
 * or not yet at their turn. `reviews` are the current version's.
 */
export const reviewStepFor = (letter: OutgoingLetterRecord, reviews: readonly OutgoingReviewRecord[], actorId: string): OutgoingReviewRecord => {
  const mine = reviews.find((r) => r.reviewerId === actorId);
  if (!mine) throw new AppError('forbidden', 'you are not a reviewer of this letter');
  if (letter.status !== 'in_review') throw new AppError('conflict', `the letter is ${letter.status}; nothing waits for review`);
  if (mine.state !== 'pending') throw new AppError('conflict', `you have ${mine.state} version ${letter.version} already`);
  const current = currentReview(reviews);
  if (current?.position !== mine.position) throw new AppError('forbidden', 'it is not your turn yet: an earlier reviewer has not approved');
  return mine;
};

/** Who reviews after `position` once it is approved (null: the letter is fully approved). */
export const nextReviewerAfter = (reviews: readonly OutgoingReviewRecord[], position: number): string | null =>
  currentReview(reviews.filter((r) => r.position !== position))?.reviewerId ?? null;

/** Only the drafter revises, and only a returned letter (an approved one waits for its signer). */
export const assertMayRevise = (letter: OutgoingLetterRecord, actorId: string): void => {
  if (letter.drafterId !== actorId) throw new AppError('forbidden', 'only the drafter revises a letter');
  if (letter.status !== 'returned') throw new AppError('conflict', `the letter is ${letter.status}; only a returned letter is revised`);
};

// --- dates as printed on a letter -----------------------------------------------------------

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** 2025-03-05 → "5 Maret 2025", as dates are written on Indonesian letters. */
export const indonesianDate = (isoDay: string): string => {
  const [y, m, d] = isoDay.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
};
