import type { Actor } from '../../domain/access.ts';
import type { DispositionRecord } from '../../domain/correspondence.ts';
import { holds, isAddressee, openChildrenOf, seesLetterSummary } from '../../domain/disposition-rules.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { grantReaders } from '../documents/grant-readers.ts';
import { letterOr404, levelOfLetter, readsLetter } from './disposition-access.ts';
import { letterSummary, namesFor, presentDisposition } from './present-disposition.ts';

/** A disposition its addressee, its sender or anyone who may read the letter may see; else 404. */
export const visibleDisposition = async (deps: AppDeps, actor: Actor, id: string) => {
  const d = await deps.db.dispositions.findById(id);
  if (!d) throw new AppError('not_found', 'no such disposition');
  const letter = await letterOr404(deps, d.letterId);
  if (!isAddressee(d, actor) && d.fromUserId !== actor.id && !(await readsLetter(deps, actor, letter))) throw new AppError('not_found', 'no such disposition');
  return { disposition: d, letter };
};

/** Rolls a transaction back when, under lock, there turns out to be nothing to do. */
class NothingToDo extends Error {}

/**
 * One disposition with its letter's summary. Opening it as its holder marks it read (once, with
 * an audit entry); a holder through their unit who has no read grant yet (they joined the unit
 * after it was sent) gets one now, with its re-index job and an audit entry, when cleared for
 * the letter's level. An uncleared holder gets no grant and a summary without subject or sender.
 */
export const getDisposition = async (deps: AppDeps, actor: Actor, id: string) => {
  const { disposition, letter } = await visibleDisposition(deps, actor, id);
  let d: DispositionRecord = disposition;
  const cleared = seesLetterSummary(actor, await levelOfLetter(deps, letter));
  if (holds(d, actor)) {
    const entry = { actorId: actor.id, targetType: 'document', targetId: letter.documentId };
    if (d.readAt === null) {
      const now = deps.clock.now();
      await deps.db
        .transaction(async (tx) => {
          // Audit first, then the letter's rows under lock (the lock order of every disposition
          // write): a concurrent first opening waits here, then finds it read and rolls back.
          await tx.audit.append({ ...entry, at: now, action: 'letter.disposition_read', details: { letterId: letter.id, dispositionId: id } });
          const current = (await tx.dispositions.ofLetter(d.letterId)).find((x) => x.id === id);
          if (!current || current.readAt !== null) throw new NothingToDo();
          await tx.dispositions.markRead(id, now);
        })
        .catch((e: unknown) => {
          if (!(e instanceof NothingToDo)) throw e;
        });
    }
    if (d.toUnitCode !== null && cleared && !(await readsLetter(deps, actor, letter))) {
      await deps.db.transaction(async (tx) => {
        await tx.audit.append({
          ...entry,
          at: deps.clock.now(),
          action: 'letter.disposition_grant',
          details: { letterId: letter.id, dispositionId: id, readersGranted: [actor.id] },
        });
        await grantReaders(deps, tx, letter.documentId, [actor.id], 'disposition');
      });
      deps.jobsEnqueued?.();
    }
    d = (await deps.db.dispositions.findById(id)) ?? d;
  }
  // Forwarded ones still open block its completion: the page says so before a report is typed.
  const open = d.status === 'open' ? openChildrenOf(d, await deps.db.dispositions.ofLetter(d.letterId)) : [];
  const names = await namesFor(deps, [d, ...open]);
  return {
    ...presentDisposition(d, names),
    openChildren: open.map((c) => ({ id: c.id, to: names.addressee(c) })),
    letter: letterSummary(letter, cleared),
  };
};
