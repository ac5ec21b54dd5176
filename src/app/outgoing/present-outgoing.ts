import type { OutgoingLetterRecord, OutgoingReviewRecord, OutgoingVersionRecord } from '../../domain/correspondence.ts';
import { currentReview } from '../../domain/outgoing-rules.ts';
import { presentParty } from '../../domain/parties.ts';

/**
 * A review step. In an earlier version, a step still pending when the version was returned was
 * never reached: it shows as `not_reached`, never as waiting.
 */
const presentReview = (r: OutgoingReviewRecord, current: boolean) => ({
  userId: r.reviewerId,
  position: r.position,
  state: r.state === 'pending' && !current ? ('not_reached' as const) : r.state,
  comment: r.comment,
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/** The API shape of an outgoing letter: its current version's review steps, and (in detail) every version. */
export const presentOutgoing = (
  l: OutgoingLetterRecord,
  reviews: OutgoingReviewRecord[],
  history?: { version: OutgoingVersionRecord; reviews: OutgoingReviewRecord[] }[],
) => ({
  id: l.id,
  type: l.type,
  status: l.status,
  version: l.version,
  documentId: l.documentId,
  subject: l.subject,
  recipient: l.recipient,
  addressees: l.addressees.map(presentParty),
  copies: l.copies.map(presentParty),
  inReplyTo: l.inReplyTo,
  classificationCode: l.classificationCode,
  securityLevel: l.securityLevel,
  unitCode: l.unitCode,
  drafterId: l.drafterId,
  signerId: l.signerId,
  reviewers: reviews.map((r) => presentReview(r, true)),
  /** Whose turn it is: a reviewer while in review, the signer once approved. */
  waitingFor:
    l.status === 'in_review'
      ? (currentReview(reviews)?.reviewerId ?? null)
      : l.status === 'approved'
        ? l.signerId
        : l.status === 'returned'
          ? l.drafterId
          : null,
  letterNumber: l.letterNumber,
  signedAt: l.signedAt?.toISOString() ?? null,
  signedDocumentId: l.signedDocumentId,
  /** The signer's last return of the approved draft, with what they asked for (kept after the revision, as reviewers' comments are). */
  signerReturn: l.signerReturnedAt ? { at: l.signerReturnedAt.toISOString(), comment: l.signerReturnComment } : null,
  dispatch: l.dispatchedAt ? { at: l.dispatchedAt.toISOString(), by: l.dispatchedBy, via: l.dispatchVia, note: l.dispatchNote } : null,
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
  ...(history
    ? {
        versions: history.map(({ version: v, reviews: rs }) => ({
          version: v.version,
          documentId: v.documentId,
          source: v.template ? ('template' as const) : ('file' as const),
          template: v.template,
          note: v.note,
          createdBy: v.createdBy,
          createdAt: v.createdAt.toISOString(),
          reviews: rs.map((r) => presentReview(r, v.version === l.version)),
        })),
      }
    : {}),
});
