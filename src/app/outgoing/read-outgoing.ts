import type { Actor } from '../../domain/access.ts';
import type { OutgoingLetterRecord, OutgoingStatus } from '../../domain/correspondence.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { presentLetterEmail } from '../../domain/letter-emails.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { documentVisibility, visibleDocument } from '../documents/read-documents.ts';
import { presentOutgoing } from './present-outgoing.ts';

/**
 * An outgoing letter the caller may see, else 404: whoever may see its current document (its
 * unit's line up to their clearance, its reviewers, and the signer once it is approved).
 */
export const visibleOutgoing = async (deps: AppDeps, actor: Actor, id: string): Promise<OutgoingLetterRecord> => {
  const letter = await deps.db.outgoing.findById(id);
  if (!letter) throw new AppError('not_found', 'no such letter');
  try {
    await visibleDocument(deps, actor, letter.documentId, 'outgoing_letter');
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') throw new AppError('not_found', 'no such letter');
    throw e;
  }
  return letter;
};

/** The letter with its current review steps and every version's decisions. */
export const outgoingDetail = async (db: Pick<Repositories, 'outgoing' | 'incoming' | 'letterEmails'>, letter: OutgoingLetterRecord) => {
  const versions = await db.outgoing.versions(letter.id);
  const history = await Promise.all(versions.map(async (v) => ({ version: v, reviews: await db.outgoing.reviews(letter.id, v.version) })));
  const deliveries =
    letter.status === 'signed'
      ? (await db.incoming.ofSource(letter.id)).map((l) => ({ unitCode: l.unitCode, incomingLetterId: l.id, kind: l.deliveryKind ?? 'addressee' }))
      : [];
  // Who outside the office got it by e-mail, and how that went (the dispatch record's other half).
  const emails = letter.status === 'signed' ? (await db.letterEmails.ofLetter(letter.id)).map(presentLetterEmail) : [];
  return { ...presentOutgoing(letter, history.find((h) => h.version.version === letter.version)?.reviews ?? [], history), deliveries, emails };
};

/** One letter in detail; reading a letter above `biasa` is audited, as for documents. */
export const getOutgoing = async (deps: AppDeps, actor: Actor, id: string) => {
  const letter = await visibleOutgoing(deps, actor, id);
  if (letter.securityLevel !== 'biasa') {
    await deps.db.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'letter.outgoing_read',
      targetType: 'outgoing_letter',
      targetId: letter.id,
      details: { documentId: letter.documentId, securityLevel: letter.securityLevel },
    });
  }
  const signed = letter.status === 'signed' ? await deps.db.signedLetters.findByLetter(letter.id) : null;
  return { ...(await outgoingDetail(deps.db, letter)), verificationCode: signed?.code ?? null, verifyUrl: signed ? verifyUrlOf(deps, signed.code) : null };
};

/** The public page a signed letter's QR code opens. */
export const verifyUrlOf = (deps: Pick<AppDeps, 'publicUrl'>, code: string): string => `${deps.publicUrl}/verify/${encodeURIComponent(code)}`;

export interface OutgoingQuery {
  status?: OutgoingStatus | undefined;
  /** Only letters waiting for the caller: as current reviewer, or as signer once approved. */
  waitingForMe?: boolean | undefined;
  /** Only the caller's own drafts. */
  mine?: boolean | undefined;
  /** Only signed letters already sent out (true) or still to send (false). */
  dispatched?: boolean | undefined;
}

/** Letters whose current document the caller may see, newest first. */
export const listOutgoing = async (deps: AppDeps, actor: Actor, q: OutgoingQuery, page: number, limit: number) => {
  const filter = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.waitingForMe ? { waitingFor: actor.id } : {}),
    ...(q.mine ? { drafterId: actor.id } : {}),
    ...(q.dispatched !== undefined ? { dispatched: q.dispatched } : {}),
  };
  const { items, total } = await deps.db.outgoing.list(filter, await documentVisibility(deps, actor), page, limit);
  const presented = await Promise.all(items.map(async (l) => presentOutgoing(l, await deps.db.outgoing.reviews(l.id, l.version))));
  return { items: presented, total, page, limit };
};

/** The document of the current version (or of `version`), for the download route. */
export const outgoingDocumentId = async (deps: AppDeps, actor: Actor, id: string, version?: number): Promise<string> => {
  const letter = await visibleOutgoing(deps, actor, id);
  if (version === undefined || version === letter.version) return letter.documentId;
  const v = (await deps.db.outgoing.versions(id)).find((x) => x.version === version);
  if (!v) throw new AppError('not_found', `the letter has no version ${version}`);
  return v.documentId;
};
