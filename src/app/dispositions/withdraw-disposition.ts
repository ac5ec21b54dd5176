import type { Actor } from '../../domain/access.ts';
import { letterStatusOf, seesLetterSummary, withdrawalBlock } from '../../domain/disposition-rules.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { levelOfLetter } from './disposition-access.ts';
import { visibleDisposition } from './get-disposition.ts';
import { noticeRecipients, notifyDisposition } from './notify-disposition.ts';
import { letterSummary, namesFor, presentDisposition } from './present-disposition.ts';

/**
 * Its sender takes a disposition back while its recipient has not read it yet (issue 13): it
 * leaves the recipient's inbox, the letter goes back to `registered` when nothing else routes
 * it, the recipient is told, and `letter.disposition_withdraw` is audited, all in one
 * transaction. Read (opened by its holder), forwarded, completed or withdrawn already: 409.
 * Known limit: the read grant the disposition gave stays (grants are not tracked per disposition).
 */
export const withdrawDisposition = async (deps: AppDeps, actor: Actor, id: string) => {
  const { disposition: d, letter } = await visibleDisposition(deps, actor, id);
  if (d.fromUserId !== actor.id) throw new AppError('forbidden', 'only the sender of a disposition withdraws it');
  const block = withdrawalBlock(d, await deps.db.dispositions.ofLetter(d.letterId));
  if (block) throw new AppError('conflict', block);
  const level = await levelOfLetter(deps, letter);
  const to = await noticeRecipients(deps, 'disposition_withdrawn', d);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // Audit first, then the letter's rows under lock: the lock order of every disposition write.
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'letter.disposition_withdraw',
      targetType: 'document',
      targetId: letter.documentId,
      details: { letterId: letter.id, dispositionId: id, toUserId: d.toUserId, toUnitCode: d.toUnitCode },
    });
    const all = await tx.dispositions.ofLetter(d.letterId);
    const current = all.find((x) => x.id === id);
    const again = current ? withdrawalBlock(current, all) : 'no such disposition';
    if (again || !(await tx.dispositions.withdraw(id)))
      throw new AppError('conflict', again ?? 'its recipient has read it already; it can no longer be withdrawn');
    const status = letterStatusOf(all.map((x) => (x.id === id ? { status: 'withdrawn' as const } : x)));
    if (status !== letter.status) await tx.incoming.setStatus(letter.id, status, now);
    await notifyDisposition(deps, tx, 'disposition_withdrawn', d, letter, { level, byUserId: actor.id, to });
  });
  const done = (await deps.db.dispositions.findById(id))!;
  return {
    ...presentDisposition(done, await namesFor(deps, [done])),
    letter: letterSummary((await deps.db.incoming.findById(letter.id)) ?? letter, seesLetterSummary(actor, level)),
  };
};
