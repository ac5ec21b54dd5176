import type { Actor } from '../../domain/access.ts';
import type { IncomingLetterRecord, IncomingStatus, Urgency } from '../../domain/correspondence.ts';
import { endOfDate, startOfDate } from '../../domain/office-time.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import type { IncomingFilter } from '../../ports/correspondence-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { documentVisibility, visibleDocument } from '../documents/read-documents.ts';
import { presentIncoming } from './present-incoming.ts';

/**
 * Register filters as a reader gives them; dates are whole days of the office's calendar. The
 * register lists void entries too (their numbers stay), marked.
 */
export interface IncomingQuery {
  status?: IncomingStatus | undefined;
  urgency?: Urgency | undefined;
  unitCode?: string | undefined;
  /** Part of the sender's name, any case. */
  sender?: string | undefined;
  /** First and last day (YYYY-MM-DD) received, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Part of the letter number, subject or sender, any case. */
  q?: string | undefined;
  /** Only void entries (true) or only those in force (false); a status filter means the latter. */
  voided?: boolean | undefined;
}

/**
 * The incoming register as the caller may see it: letters whose document they may read (their
 * units' at their clearance, or granted to them, e.g. as a disposition's recipient), newest
 * received first. Neither returned nor counted: anything else. Each says whether the caller has
 * opened it yet (`unread`).
 */
export const listIncoming = async (deps: AppDeps, actor: Actor, query: IncomingQuery, page: number, limit: number) => {
  const filter: IncomingFilter = {};
  if (query.status) filter.status = query.status;
  // A status asks for work (waiting, routed, done): a void entry is nobody's work any more.
  if (query.voided !== undefined || query.status) filter.voided = query.voided ?? false;
  if (query.urgency) filter.urgency = query.urgency;
  if (query.unitCode) filter.unitCode = query.unitCode;
  if (query.sender) filter.sender = query.sender;
  if (query.q) filter.q = query.q;
  if (query.from) filter.from = startOfDate(query.from, deps.officeTimeZone);
  if (query.to) filter.to = endOfDate(query.to, deps.officeTimeZone);
  const { items, total } = await deps.db.incoming.list(filter, await documentVisibility(deps, actor), page, limit);
  const read = await deps.db.incomingReads.readAmong(
    actor.id,
    items.map((l) => l.id),
  );
  return { items: items.map((l) => ({ ...presentIncoming(l), unread: !read.has(l.id) })), total, page, limit };
};

/**
 * A letter and its document when the caller may read that document; otherwise 404, the same
 * answer as for a letter that does not exist. For every use case that acts on one letter.
 */
export const visibleIncoming = async (deps: AppDeps, actor: Actor, id: string): Promise<{ letter: IncomingLetterRecord; document: DocumentRecord }> => {
  const letter = await deps.db.incoming.findById(id);
  if (!letter) throw new AppError('not_found', 'no such letter');
  try {
    return { letter, document: await visibleDocument(deps, actor, letter.documentId, 'incoming_letter') };
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw new AppError('not_found', 'no such letter');
    throw e;
  }
};

/** One letter. Reading one above `biasa` is audited, as document reads are. */
export const getIncoming = async (deps: AppDeps, actor: Actor, id: string) => {
  const { letter, document } = await visibleIncoming(deps, actor, id);
  if (letter.securityLevel !== 'biasa' || document.securityLevel !== 'biasa') {
    await deps.db.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'letter.incoming_read',
      targetType: 'document',
      targetId: document.id,
      details: { letterId: letter.id, securityLevel: letter.securityLevel },
    });
  }
  // The caller's own marker, not a change to the record (as a notification's read flag): not audited.
  await deps.db.incomingReads.mark(letter.id, actor.id, deps.clock.now());
  // The drafts and letters answering it that the caller may see (the thread, issue 13).
  const { items } = await deps.db.outgoing.list({ inReplyTo: letter.id }, await documentVisibility(deps, actor), 1, 100);
  const replies = items.map((o) => ({
    id: o.id,
    type: o.type,
    subject: o.subject,
    status: o.status,
    letterNumber: o.letterNumber,
    createdAt: o.createdAt.toISOString(),
  }));
  return { ...presentIncoming(letter), replies };
};
