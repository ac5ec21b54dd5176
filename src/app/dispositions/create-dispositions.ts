import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import type { DispositionAction, DispositionRecord } from '../../domain/correspondence.ts';
import {
  dueAtProblems,
  holds,
  letterStatusOf,
  parentFor,
  recipientProblems,
  unitGrantees,
  type DispositionTarget,
  type RecipientUser,
} from '../../domain/disposition-rules.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { grantReaders } from '../documents/grant-readers.ts';
import { activeMembersOf, letterOr404, levelOfLetter, readsLetter } from './disposition-access.ts';
import { noticeRecipients, notifyDisposition } from './notify-disposition.ts';
import { namesFor, presentDisposition } from './present-disposition.ts';

export interface DispositionInput {
  to: DispositionTarget[];
  instruction: string;
  actions: DispositionAction[];
  dueAt: Date | null;
  /** The disposition being forwarded, when the caller holds several of this letter. */
  parentId?: string | undefined;
}

/**
 * Routes an incoming letter (disposisi): one disposition per recipient. An official who may read
 * the letter disposes it afresh; the holder of an open disposition of it forwards that one (the
 * new ones become its children). Recipients must lie in the sender's unit and below, and a
 * person must be cleared for the letter's level (the stricter of the letter's and its
 * document's); they gain read access to the letter's document. A unit's members gain it only
 * when cleared for that level (the others hold the disposition without seeing the letter).
 * The dispositions, the grants (with their re-index job), the letter's move to `disposed` and
 * one audit entry per disposition commit together.
 */
/** A void agenda entry (issue 18) is no longer routed. */
const voided = () => new AppError('conflict', 'this agenda entry is void: it is no longer routed', { problemType: 'letter-void' });

export const createDispositions = async (deps: AppDeps, actor: Actor, letterId: string, input: DispositionInput) => {
  const letter = await letterOr404(deps, letterId);
  const existing = await deps.db.dispositions.ofLetter(letterId);
  // A holder may act even without a grant (they joined the unit after it was sent).
  if (!existing.some((d) => holds(d, actor)) && !(await readsLetter(deps, actor, letter))) throw new AppError('not_found', 'no such letter');
  if (letter.voided) throw voided();
  const parent = parentFor(actor, existing, input.parentId);

  const users = new Map<string, RecipientUser | null>();
  for (const t of input.to) if ('userId' in t && !users.has(t.userId)) users.set(t.userId, await deps.db.users.findById(t.userId));
  const now = deps.clock.now();
  const level = await levelOfLetter(deps, letter);
  const problems = [...recipientProblems(actor, input.to, users, await deps.db.units.all(), level), ...dueAtProblems(input.dueAt, now)];
  if (problems.length) throw new AppError('invalid', 'some recipients or values are invalid', { errors: problems });

  // Known limit: a unit recipient's read grant goes to the people in that unit now. Someone who
  // joins the unit later holds the disposition but gets the grant only on opening it (see
  // get-disposition.ts); someone who leaves keeps theirs. Uncleared members get none.
  const readers = new Set<string>();
  for (const t of input.to) for (const id of 'userId' in t ? [t.userId] : unitGrantees(await activeMembersOf(deps, t.unitCode), level)) readers.add(id);

  const records: DispositionRecord[] = input.to.map((t) => ({
    id: randomUUID(),
    letterId,
    parentId: parent?.id ?? null,
    fromUserId: actor.id,
    toUserId: 'userId' in t ? t.userId : null,
    toUnitCode: 'unitCode' in t ? t.unitCode : null,
    instruction: input.instruction,
    actions: input.actions,
    dueAt: input.dueAt,
    status: 'open',
    readAt: null,
    completedAt: null,
    completedBy: null,
    report: null,
    reportDocumentId: null,
    createdAt: now,
  }));

  const told = await Promise.all(records.map((r) => noticeRecipients(deps, 'disposition_new', r)));
  await deps.db.transaction(async (tx) => {
    // The audit entries first: every disposition write takes the audit chain's head lock before
    // the letter's disposition rows (see complete-disposition.ts), so writers never deadlock.
    for (const r of records) {
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: parent ? 'letter.disposition_forward' : 'letter.disposition',
        // About the document, like the register's entry: the trail then shows it only to those who may see the letter.
        targetType: 'document',
        targetId: letter.documentId,
        details: {
          letterId,
          dispositionId: r.id,
          parentId: r.parentId,
          toUserId: r.toUserId,
          toUnitCode: r.toUnitCode,
          actions: r.actions,
          dueAt: r.dueAt?.toISOString() ?? null,
          readersGranted: [...readers],
        },
      });
    }
    // Re-read under lock: the forwarded disposition may have been completed since the checks.
    const current = await tx.dispositions.ofLetter(letterId);
    if (parent && !current.some((d) => d.id === parent.id && d.status === 'open'))
      throw new AppError('conflict', 'the disposition you forward was completed meanwhile');
    if ((await tx.incoming.findById(letterId))?.voided) throw voided();
    for (const r of records) await tx.dispositions.create(r);
    await grantReaders(deps, tx, letter.documentId, [...readers], 'disposition');
    if (letterStatusOf(current) !== 'disposed') await tx.incoming.setStatus(letterId, 'disposed', now);
    for (const [i, r] of records.entries()) await notifyDisposition(deps, tx, 'disposition_new', r, letter, { level, byUserId: actor.id, to: told[i]! });
  });
  deps.jobsEnqueued?.();
  const names = await namesFor(deps, records);
  return { items: records.map((r) => presentDisposition(r, names)) };
};
