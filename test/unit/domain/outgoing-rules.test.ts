import { expect } from 'chai';
import type { OutgoingLetterRecord, OutgoingReviewRecord } from '../../../src/domain/correspondence.ts';
import { AppError } from '../../../src/domain/errors.ts';
import {
  assertMayRevise,
  canDraftOutgoing,
  canMoveOutgoing,
  currentReview,
  freshReviews,
  indonesianDate,
  initialOutgoingStatus,
  nextReviewerAfter,
  type Participant,
  participantProblems,
  reviewStepFor,
} from '../../../src/domain/outgoing-rules.ts';

const person = (id: string, over: Partial<Participant> = {}): Participant => ({ id, roles: ['staff'], disabled: false, clearance: 'biasa', ...over });
const users = new Map<string, Participant>(
  [
    person('drafter'),
    person('r1'),
    person('r2'),
    person('head', { roles: ['official'] }),
    person('off', { roles: ['official'], disabled: true }),
    person('aud', { roles: ['auditor'] }),
    person('secret-head', { roles: ['official'], clearance: 'rahasia' }),
  ].map((p) => [p.id, p]),
);
const problems = (signerId: string, reviewerIds: string[], over: Partial<Parameters<typeof participantProblems>[0]> = {}) =>
  participantProblems({ drafter: users.get('drafter')!, signerId, reviewerIds, securityLevel: 'biasa', users, ...over });
const fields = (ps: { field: string }[]) => ps.map((p) => p.field);

const letter = (over: Partial<OutgoingLetterRecord> = {}): OutgoingLetterRecord => ({
  id: 'L',
  type: 'surat-dinas',
  subject: 'S',
  recipient: 'R',
  addressees: [],
  copies: [],
  inReplyTo: null,
  classificationCode: '800',
  securityLevel: 'biasa',
  unitCode: 'BKD',
  drafterId: 'drafter',
  signerId: 'head',
  status: 'in_review',
  version: 1,
  documentId: 'D',
  letterNumber: null,
  signedAt: null,
  signedDocumentId: null,
  dispatchedAt: null,
  dispatchedBy: null,
  dispatchVia: null,
  dispatchNote: null,
  signerReturnedAt: null,
  signerReturnComment: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});
const decided = (reviews: OutgoingReviewRecord[], ...states: OutgoingReviewRecord['state'][]) => reviews.map((r, i) => ({ ...r, state: states[i] ?? r.state }));
const code = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('outgoing rules: who drafts, reviews and signs', () => {
  it('lets staff, officials and clerks draft; admins and auditors do not', () => {
    expect(['staff', 'official', 'clerk', 'admin', 'auditor'].map((r) => canDraftOutgoing({ roles: [r as 'staff'] }))).to.deep.equal([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('accepts an active official signer and distinct active reviewers', () => {
    expect(problems('head', ['r1', 'r2'])).to.deep.equal([]);
    expect(problems('head', [])).to.deep.equal([]);
    expect(problems('head', [], { drafter: users.get('head')! })).to.deep.equal([]); // an official may sign their own draft
  });

  it('names every problem with its field', () => {
    expect(fields(problems('nobody', []))).to.deep.equal(['signerId']);
    expect(fields(problems('off', []))).to.deep.equal(['signerId']); // disabled
    expect(fields(problems('r1', []))).to.deep.equal(['signerId']); // staff cannot sign
    expect(fields(problems('head', ['r1', 'r1']))).to.deep.equal(['reviewerIds.1']);
    expect(fields(problems('head', ['drafter']))).to.deep.equal(['reviewerIds.0']);
    expect(fields(problems('head', ['r1', 'head']))).to.deep.equal(['reviewerIds.1']);
    expect(fields(problems('head', ['ghost', 'aud', 'off']))).to.deep.equal(['reviewerIds.0', 'reviewerIds.1', 'reviewerIds.2']);
    expect(
      fields(
        problems(
          'head',
          Array.from({ length: 11 }, (_, i) => `x${i}`),
        ),
      ),
    ).to.include('reviewerIds');
  });

  it('requires everyone named to be cleared for the letter', () => {
    expect(fields(problems('head', ['r1'], { securityLevel: 'rahasia' }))).to.deep.equal(['securityLevel', 'signerId', 'reviewerIds.0']);
    expect(problems('secret-head', [], { securityLevel: 'rahasia', drafter: person('d', { clearance: 'rahasia' }) })).to.deep.equal([]);
  });
});

describe('outgoing rules: review order and status moves', () => {
  const reviews = freshReviews('L', 1, ['r1', 'r2']);

  it('starts every step pending in the named order, and in review only when someone reviews', () => {
    expect(reviews.map((r) => [r.position, r.reviewerId, r.state])).to.deep.equal([
      [1, 'r1', 'pending'],
      [2, 'r2', 'pending'],
    ]);
    expect([initialOutgoingStatus(2), initialOutgoingStatus(0)]).to.deep.equal(['in_review', 'approved']);
  });

  it('gives the turn to the lowest pending position', () => {
    expect(currentReview(reviews)?.reviewerId).to.equal('r1');
    expect(currentReview(decided(reviews, 'approved'))?.reviewerId).to.equal('r2');
    expect(currentReview(decided(reviews, 'approved', 'approved'))).to.equal(null);
    expect(nextReviewerAfter(reviews, 1)).to.equal('r2');
    expect(nextReviewerAfter(decided(reviews, 'approved'), 2)).to.equal(null);
  });

  it('lets only the current reviewer decide: 403 out of turn or for others, 409 when done or not in review', () => {
    expect(reviewStepFor(letter(), reviews, 'r1').position).to.equal(1);
    expect(code(() => reviewStepFor(letter(), reviews, 'r2'))).to.equal('forbidden'); // a later reviewer
    expect(code(() => reviewStepFor(letter(), reviews, 'drafter'))).to.equal('forbidden');
    expect(code(() => reviewStepFor(letter(), reviews, 'head'))).to.equal('forbidden'); // the signer does not initial
    expect(code(() => reviewStepFor(letter(), decided(reviews, 'approved'), 'r1'))).to.equal('conflict'); // a second approval
    expect(reviewStepFor(letter(), decided(reviews, 'approved'), 'r2').position).to.equal(2);
    expect(code(() => reviewStepFor(letter({ status: 'returned' }), decided(reviews, 'approved', 'returned'), 'r2'))).to.equal('conflict');
    expect(code(() => reviewStepFor(letter({ status: 'approved' }), decided(reviews, 'approved', 'approved'), 'r2'))).to.equal('conflict');
  });

  it('lets only the drafter revise, and only a returned letter', () => {
    expect(code(() => assertMayRevise(letter({ status: 'returned' }), 'drafter'))).to.equal('ok');
    expect(code(() => assertMayRevise(letter({ status: 'returned' }), 'r1'))).to.equal('forbidden');
    for (const status of ['in_review', 'approved', 'signed'] as const) expect(code(() => assertMayRevise(letter({ status }), 'drafter'))).to.equal('conflict');
  });

  it('allows only the status moves of the flow', () => {
    expect(
      canMoveOutgoing('in_review', 'approved') &&
        canMoveOutgoing('in_review', 'returned') &&
        canMoveOutgoing('returned', 'in_review') &&
        canMoveOutgoing('approved', 'signed'),
    ).to.equal(true);
    expect(
      canMoveOutgoing('returned', 'approved') ||
        canMoveOutgoing('approved', 'in_review') ||
        canMoveOutgoing('signed', 'approved') ||
        canMoveOutgoing('in_review', 'signed'),
    ).to.equal(false);
  });

  it('writes dates the Indonesian way', () => {
    expect(indonesianDate('2025-03-05')).to.equal('5 Maret 2025');
    expect(indonesianDate('2024-12-31')).to.equal('31 Desember 2024');
  });
});
